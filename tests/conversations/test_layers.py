"""conversations is a kernel app: it imports no feature app (import-linter checks the layers
in `make lint`; this test reads the contract and the sources, so a change to either fails)."""

import ast
import configparser
from pathlib import Path

import handschlag.conversations

FEATURE_APPS = {"promises", "blog", "site", "api"}
ROOT = Path(handschlag.conversations.__file__).parent


def test_the_layers_contract_puts_conversations_below_the_feature_apps():
    config = configparser.ConfigParser()
    config.read(ROOT.parents[1] / ".importlinter")
    layers = [line.strip() for line in config["importlinter:contract:layers"]["layers"].split()]
    assert layers.index("conversations") > layers.index("promises")
    assert layers.index("conversations") < layers.index("notifications")


def test_no_module_of_conversations_imports_a_feature_app():
    imported = set()
    for source in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    apps = {name.split(".")[1] for name in imported if name.startswith("handschlag.")}
    assert apps and not apps & FEATURE_APPS, apps & FEATURE_APPS
