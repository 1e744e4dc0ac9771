"""Conversations: message threads between the two sides of a redemption (later a tandem or an
event), so that people reach each other through the platform.

A feature app registers a subject in its `AppConfig.ready()` (see promises/conversation.py):

    conversation_subjects.register(ConversationSubject(
        key="promises.redemption", label=..., objects=..., sides=..., state=..., url=...,
        title=..., party_perm="promises.view_redemption",
    ))

and shows the thread on its page with `conversations.views.thread_context()` and
`{% include "conversations/thread.html" %}`. Everything else lives here: messages and who read
them (`Reader`), one mail per person and thread until they read it, the mutual release of
contact details with recorded consent, abuse reports on messages, export and erasure.
"""
