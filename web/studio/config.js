// Where Natak Studio finds the API. Empty: the origin serving this page (the dev host serves both).
// Deployed as a static site, set it to the Function App's public base URL, e.g. "https://api.example.com",
// and list this site's origin in the Bicep parameter corsAllowedOrigins. Nothing secret belongs here.
export const config = {
  apiBaseUrl: "",
};
