// Country finder: a text box above the country select that picks the country
// as the visitor types its name or a common other name ("UK", "USA", "Ivory
// Coast"). The select alone works without JavaScript; this only adds the box.
(function () {
  "use strict";
  // Other names people type, by ISO code (names in the page's language come from the select).
  var ALIASES = {
    AE: "uae emirates dubai abu dhabi", BA: "bosnia", BO: "bolivia", BN: "brunei",
    CD: "drc congo kinshasa democratic republic", CG: "congo brazzaville",
    CI: "ivory coast cote d'ivoire costa de marfil", CV: "cape verde", CZ: "czech republic czechia",
    DE: "deutschland alemania allemagne", ES: "espana", GB: "uk britain great britain england scotland wales northern ireland united kingdom royaume-uni reino unido",
    IR: "iran persia", KR: "south korea korea", LA: "laos", MD: "moldova", MK: "macedonia north macedonia",
    MM: "burma myanmar", NL: "holland netherlands pays-bas", PS: "palestine", RU: "russia",
    SY: "syria", SZ: "swaziland eswatini", TL: "east timor timor-leste", TR: "turkey turkiye",
    TW: "taiwan", TZ: "tanzania", US: "usa us america united states estados unidos eeuu etats-unis",
    VA: "vatican holy see", VE: "venezuela", VN: "vietnam viet nam"
  };
  function plain(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z\u0600-\u06ff ]/g, " ").trim();
  }
  function best(select, typed) {
    var query = plain(typed);
    if (!query) return null;
    var starts = null, contains = null;
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      if (!option.value) continue;
      var name = plain(option.text);
      var alias = " " + plain(ALIASES[option.value] || "") + " ";
      if (name === query || alias.indexOf(" " + query + " ") !== -1) return option;
      if (!starts && name.indexOf(query) === 0) starts = option;
      if (!contains && (name + alias).indexOf(query) !== -1) contains = option;
    }
    return starts || contains;
  }
  document.querySelectorAll(".country-form select").forEach(function (select, index) {
    var id = "country-finder-" + index;
    var wrapper = document.createElement("div");
    wrapper.className = "mb-2";
    var label = document.createElement("label");
    label.className = "form-label";
    label.htmlFor = id;
    label.textContent = select.form.dataset.finderLabel || "Find your country";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "form-control";
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "form-text";
    status.setAttribute("role", "status");
    input.addEventListener("input", function () {
      var option = best(select, input.value);
      if (option) {
        select.value = option.value;
        status.textContent = (select.form.dataset.finderFound || "Selected:") + " " + option.text;
      } else {
        status.textContent = input.value ? (select.form.dataset.finderNone || "No match") : "";
      }
    });
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    select.parentNode.parentNode.insertBefore(wrapper, select.parentNode);
  });
})();
