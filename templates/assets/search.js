// Search page: progressive enhancement over Pagefind's JavaScript API.
// Without this script the page explains that search needs JavaScript and links
// to the article and exercise indexes. With it, the form (hidden in the HTML)
// appears, the query and ticked filters live in the address (?q=knee&type=Exercise),
// and the status line, a live region, announces each result count. The results
// list is aria-busy while a search runs, and the form has data-state="ready" once
// Pagefind has loaded and the form answers (what the browser tests wait for).
// Pagefind loads its index in small pieces from /pagefind/ on this site: the
// query never leaves the browser.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) {
    return;
  }
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var noScript = document.getElementById("search-no-script");
  var unavailable = document.getElementById("search-unavailable");
  var filterNames = ["type", "difficulty", "area"];
  var pagefind = null;
  var latest = 0;
  var timer = 0;

  noScript.hidden = true;
  form.hidden = false;

  function ticked() {
    var filters = {};
    filterNames.forEach(function (name) {
      var values = Array.prototype.slice.call(form.querySelectorAll("input[name='" + name + "']:checked"))
        .map(function (box) { return box.value; });
      if (values.length > 0) {
        filters[name] = { any: values };
      }
    });
    return filters;
  }

  // Puts the query and filters in the address, so a search can be shared, bookmarked and restored.
  function remember() {
    var params = new URLSearchParams();
    if (input.value.trim()) {
      params.set("q", input.value.trim());
    }
    filterNames.forEach(function (name) {
      form.querySelectorAll("input[name='" + name + "']:checked").forEach(function (box) {
        params.append(name, box.value);
      });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var any = false;
    filterNames.forEach(function (name) {
      var wanted = params.getAll(name);
      form.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
        any = any || box.checked;
      });
    });
    if (any) {
      form.querySelector(".search-filters").open = true;
    }
  }

  // Pagefind's excerpt is the page's text, escaped, with <mark> around the words found.
  // Copy only that text and those marks: nothing else from it becomes markup.
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var p = document.createElement("p");
    p.className = "search-excerpt";
    Array.prototype.forEach.call(parsed.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "search-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    li.appendChild(heading);
    var type = data.filters && data.filters.type && data.filters.type[0];
    if (type) {
      var label = document.createElement("p");
      label.className = "search-type";
      label.textContent = type;
      li.appendChild(label);
    }
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function describe(count, query, filtered) {
    var what = count === 0 ? "No results" : count === 1 ? "1 result" : count + " results";
    var text = what + (query ? " for \u201c" + query + "\u201d" : "") + (filtered ? " with the chosen filters" : "");
    return text + (count === 0 ? ": try other words or fewer filters." : ".");
  }

  function run() {
    var query = input.value.trim();
    var filters = ticked();
    var filtered = Object.keys(filters).length > 0;
    remember();
    var mine = ++latest;
    if (!query && !filtered) {
      list.replaceChildren();
      list.removeAttribute("aria-busy");
      status.textContent = "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    pagefind.search(query || null, { filters: filters }).then(function (search) {
      if (mine !== latest || !search) {
        return null; // a newer search has started
      }
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== latest) {
          return;
        }
        list.replaceChildren.apply(list, pages.map(item));
        list.removeAttribute("aria-busy");
        var total = search.results.length;
        status.textContent = describe(total, query, filtered) + (total > pages.length ? " Showing the first " + pages.length + "." : "");
      });
    }).catch(fail);
  }

  function fail() {
    form.hidden = true;
    form.removeAttribute("data-state");
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    status.textContent = "";
    unavailable.hidden = false;
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  }

  restore();
  import(form.getAttribute("data-pagefind")).then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: form.getAttribute("data-base-url") }).then(function () {
      return pagefind.init();
    });
  }).then(function () {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    input.addEventListener("input", soon);
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        run();
      }
    });
    form.setAttribute("data-state", "ready");
    run();
  }).catch(fail);
})();
