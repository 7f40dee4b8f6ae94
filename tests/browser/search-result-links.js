// The address of each search result, in order.
() => [...document.querySelectorAll('#search-results li > a')].map(a => a.getAttribute('href'))
