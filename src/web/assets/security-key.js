// Enhancement of the security-key panels (views/security-key.tsx): asks the server for WebAuthn options, lets the
// browser talk to the key, posts the answer back and follows the redirect it gets. Without it, the panels stay hidden.
(function () {
  "use strict";
  var webauthn = window.SimpleWebAuthnBrowser;
  if (!webauthn || !webauthn.browserSupportsWebAuthn()) return;

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (json) {
        return { ok: response.ok, json: json };
      });
    });
  }

  /** Follows a redirect; one to this same page differs only by its fragment, which alone would not reload it. */
  function go(address) {
    var target = new URL(address, window.location.href);
    var here = window.location;
    if (target.pathname !== here.pathname || target.search !== here.search) return here.assign(target.href);
    here.hash = target.hash;
    here.reload();
  }

  document.querySelectorAll("[data-security-key]").forEach(function (panel) {
    var form = panel.querySelector("form");
    var status = panel.querySelector("[data-status]");
    var button = form.querySelector("button[type=submit]");
    var registering = panel.getAttribute("data-security-key") === "register";
    panel.hidden = false;

    function fail(message) {
      status.textContent = message || panel.getAttribute("data-failed");
      button.disabled = false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = Object.fromEntries(new FormData(form));
      button.disabled = true;
      status.textContent = panel.getAttribute("data-waiting");
      post(panel.getAttribute("data-options"), { _csrf: fields._csrf, name: fields.name })
        .then(function (options) {
          if (!options.ok) return fail(options.json.message);
          var ask = registering ? webauthn.startRegistration : webauthn.startAuthentication;
          return ask({ optionsJSON: options.json }).then(function (response) {
            fields.response = response;
            return post(form.action, fields).then(function (result) {
              if (result.ok) go(result.json.redirect);
              else fail(result.json.message);
            });
          });
        })
        .catch(function () {
          fail();
        });
    });
  });
})();
