/*
 * The go-live picker of the publish screen (templates/admin/relations/schedule/picker.html).
 * Progressive enhancement: without this script the field takes a typed time. With it, three
 * buttons fill the field in the site's zone, and a typed time is shown in the browser's own
 * zone when the two differ. Times are wall-clock "YYYY-MM-DD HH:MM" in the site's zone.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-schedule-picker]");
  if (!root || !window.Intl || !Intl.DateTimeFormat.prototype.formatToParts) {
    return;
  }
  var input = document.getElementById(root.dataset.input);
  var zone = root.dataset.zone;
  var said = root.parentNode.querySelector(".schedule-browser-time");
  var browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var formatters = {};

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /* The wall-clock parts of an instant in a zone: {year, month, day, hour, minute}. */
  function partsIn(instant, timeZone) {
    if (!formatters[timeZone]) {
      formatters[timeZone] = new Intl.DateTimeFormat("en-CA", {
        timeZone: timeZone, hourCycle: "h23", year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit"
      });
    }
    var parts = {};
    formatters[timeZone].formatToParts(instant).forEach(function (part) {
      if (part.type !== "literal") {
        parts[part.type] = parseInt(part.value, 10);
      }
    });
    return parts;
  }

  function wallClock(parts) {
    return parts.year + "-" + pad(parts.month) + "-" + pad(parts.day) + " " +
      pad(parts.hour) + ":" + pad(parts.minute);
  }

  /* Minutes a zone is ahead of UTC at an instant. */
  function offsetMinutes(instant, timeZone) {
    var p = partsIn(instant, timeZone);
    var asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
  }

  function offsetLabel(minutes) {
    var sign = minutes < 0 ? "\u2212" : "+";
    minutes = Math.abs(minutes);
    return "UTC" + sign + pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }

  /* The instant a wall-clock time in the site's zone names (the first, if it is repeated). */
  function instantOf(year, month, day, hour, minute) {
    var guess = Date.UTC(year, month - 1, day, hour, minute);
    var first = guess - offsetMinutes(new Date(guess), zone) * 60000;
    var second = guess - offsetMinutes(new Date(first), zone) * 60000;
    return new Date(Math.min(first, second));
  }

  function say(text) {
    said.textContent = text;
    said.hidden = !text;
  }

  function showInBrowserZone() {
    var match = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(input.value);
    if (!match) {
      say(input.value.trim() ? "" : root.dataset.saidNow);
      return;
    }
    var instant = instantOf(+match[1], +match[2], +match[3], +match[4], +match[5]);
    var browserOffset = offsetMinutes(instant, browserZone);
    if (browserOffset === offsetMinutes(instant, zone)) {
      say("");
      return;
    }
    say(root.dataset.saidBrowser
      .replace("{zone}", browserZone)
      .replace("{offset}", offsetLabel(browserOffset))
      .replace("{time}", wallClock(partsIn(instant, browserZone))));
  }

  function choose(value) {
    input.value = value;
    showInBrowserZone();
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  var choices = [
    [root.dataset.labelNow, function () { return ""; }],
    [root.dataset.labelHour, function () {
      return wallClock(partsIn(new Date(Date.now() + 3600 * 1000), zone));
    }],
    [root.dataset.labelTomorrow, function () {
      var today = partsIn(new Date(), zone);
      var tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
      return tomorrow.getUTCFullYear() + "-" + pad(tomorrow.getUTCMonth() + 1) + "-" +
        pad(tomorrow.getUTCDate()) + " 09:00";
    }]
  ];
  choices.forEach(function (choice) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = choice[0];
    button.addEventListener("click", function () { choose(choice[1]()); });
    root.appendChild(button);
  });
  root.hidden = false;
  input.addEventListener("input", showInBrowserZone);
  if (input.value.trim()) {
    showInBrowserZone();
  }
})();
