"""Plumbing every reader action shares (votes, comments, comment reports, typo reports).

`identity`: who the reader is (account or one signed anonymous cookie). `answers`: JSON for scripts or a
page for browsers, in one shape. `limits`: the rate-limit decorator. `clients`: the client's address and
bots. `errors`: the site-wide 400/403/404/429/500 and CSRF failure pages. The apps use these; this
package imports from neither app.
"""
