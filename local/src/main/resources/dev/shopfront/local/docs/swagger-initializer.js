// Swagger UI for the local API's openapi.yaml. "Try it out" calls go to the local API that serves
// this page, on whatever port it runs (openapi.yaml's server names the default one), and the token
// given to "Authorize" (the bearerAuth scheme) stays across reloads.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/_openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    displayRequestDuration: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: function (request) {
      var url = new URL(request.url, window.location.href);
      url.protocol = window.location.protocol;
      url.host = window.location.host;
      request.url = url.toString();
      return request;
    }
  });
};
