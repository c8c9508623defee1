def footer_pages(request):
    """The footer's links to the agency's pages, read only when a footer that is not kept renders them."""
    from .services import footer_pages

    if request.path.startswith("/admin/"):
        return {}
    return {"footer_pages": footer_pages}
