def site_chrome(request):
    """What the header and footer of every public page need (articles.pages)."""
    from .pages import site_chrome

    if request.path.startswith("/admin/"):
        return {}
    return site_chrome(request)
