/* Privacy: this site writes nothing to browser storage. Material for MkDocs saves a few choices
   (colour scheme, content tabs, announcements) through the global __md_set, defined by its first
   inline script just before this file loads; make it a no-op. Reading (__md_get) is left alone. */
window.__md_set = function () {};
