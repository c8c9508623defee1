"""The agency's own pages (about, contacts, legal notices): written in the admin per edition, linked from
every page's footer."""
