// Who else has this change page open: tells the server every 15 seconds that this page is
// open, and shows whom else it has seen on the same record lately. Also offers, on the
// conflict page, to take the stored value of a field into the form.
"use strict";

(function () {
  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function show(box, others) {
    var list = box.querySelector("[data-presence-list]");
    list.textContent = "";
    others.forEach(function (other, index) {
      if (index > 0) {
        list.appendChild(document.createTextNode(", "));
      }
      var name = document.createElement("strong");
      name.textContent = other.name;
      list.appendChild(name);
      var since = document.createElement("time");
      since.dateTime = other.since_iso;
      since.textContent = other.since;
      list.appendChild(document.createTextNode(" (editing since "));
      list.appendChild(since);
      list.appendChild(document.createTextNode(")"));
    });
    box.hidden = others.length === 0;
  }

  function startPresence(box) {
    var url = box.dataset.presenceUrl;
    var seconds = parseInt(box.dataset.presenceInterval, 10) || 15;
    var timer = null;

    function ping() {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { others: [] };
        })
        .then(function (data) {
          show(box, data.others || []);
        })
        .catch(function () {
          // Offline for a moment: keep what is shown, try again at the next tick.
        });
    }

    ping();
    timer = window.setInterval(ping, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        ping();
      }
    });
    window.addEventListener("pagehide", function () {
      window.clearInterval(timer);
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      body.append("leave", "1");
      if (navigator.sendBeacon) {
        navigator.sendBeacon(url, body);
      }
    });
  }

  function startTakeButtons() {
    document.querySelectorAll("[data-take-current]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.target);
        if (!target) {
          return;
        }
        target.value = button.dataset.value;
        target.dispatchEvent(new Event("change", { bubbles: true }));
        button.textContent = "Taken";
        button.disabled = true;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("presence");
    if (box && box.dataset.presenceUrl) {
      startPresence(box);
    }
    startTakeButtons();
  });
})();
