def site_section(site, user):
    return None
