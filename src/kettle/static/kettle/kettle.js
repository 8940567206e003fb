// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // After a form is sent back with errors, move focus (and the screen) to the summary, so
  // a parent on a phone sees what needs fixing instead of the top of the page.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("main .notice.error[role=alert]");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  });
})();
