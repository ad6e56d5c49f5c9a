// The address bar's query as it is now. A view change builds on this rather than on the query the
// page last drew with: two quick changes (a filter, then a sort) must both be kept, and the page
// may not have drawn the first before the second is made. (The app runs on the browser router, whose
// location is the address bar.)
export function latestParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}
