// The API docs page: Swagger UI from the package's own copy, reading this server's openapi.json.
/* global SwaggerUIBundle */
window.ui = SwaggerUIBundle({
  url: "openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null, // the default validator is an outside service: never call it
  deepLinking: true,
});
