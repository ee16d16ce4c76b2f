// Netlify Identity's e-mails to the clinic's editors (an invitation, a password
// reset, a confirmation, a change of address) link to the home page with a token
// in the address's fragment, such as #invite_token=abc. The reader's site does
// nothing with it; the content manager at /admin/ does (docs/editing.md). This
// sends the editor there, token and all. For everyone else it does nothing: the
// fragment is never sent to a server, and no page depends on this file.
(function () {
  'use strict';
  var script = document.currentScript;
  var hash = window.location.hash;
  if (script && script.dataset.admin && /^#(invite|recovery|confirmation|email_change)_token=/.test(hash)) {
    window.location.replace(script.dataset.admin + hash);
  }
})();
