// The library's filter groups: group name -> the values offered (not 'All').
() => {
  const found = {};
  for (const input of document.querySelectorAll('.kit-filters input[type=radio]'))
    if (input.value) (found[input.name] ||= []).push(input.value);
  return found;
}
