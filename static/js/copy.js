/* A "Copy" button for a read-only text field: <button data-copy="FIELD-ID" hidden> is shown
 * only when this file runs (without it, the person selects the text in the field). A status
 * line (data-copy-status, role="status") says whether copying worked. No inline scripts (CSP). */
(function () {
  "use strict";

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!field) {
      return;
    }
    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }
    function selectField() {
      field.focus();
      field.select();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () {
          say("Copied. Paste it into your calendar app.");
        },
        function () {
          selectField();
          say("Copying did not work here: the address is selected, copy it with your keyboard.");
        }
      );
    } else {
      selectField();
      var done = false;
      try {
        done = document.execCommand("copy");
      } catch (error) {
        done = false;
      }
      say(done ? "Copied. Paste it into your calendar app."
        : "The address is selected: copy it with your keyboard.");
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(button);
    });
  });
})();
