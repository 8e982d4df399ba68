// The client of ModelRun's HTTP API, as the dashboard uses it: the Modzy routes under /api and the on-demand routes
// under /api/v1. Every failure becomes an ApiError carrying the status and the server's own message.

export class ApiError extends Error {
  /** @param status the HTTP status, or 0 when the server could not be reached */
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }

  get unauthorized() {
    return this.status === 401;
  }
}

export class Api {
  /**
   * @param key the API key, sent as "Authorization: ApiKey <key>"
   * @param onUnauthorized called with the error when the server refuses the key (401)
   */
  constructor(key, onUnauthorized = () => {}) {
    this.key = key;
    this.onUnauthorized = onUnauthorized;
  }

  models() {
    return this.json('GET', '/api/models');
  }

  /** The descriptor of one model version: inputs, fields, output fields, pricing. */
  descriptor(identifier, version) {
    return this.json('GET', `/api/models/${segment(identifier)}/versions/${segment(version)}`);
  }

  /** One page of the caller's jobs, newest first, and how many jobs there are in all. */
  async history(page, perPage) {
    const response = await this.send('GET', `/api/jobs/history?page=${page}&per-page=${perPage}`);
    const jobs = await response.json();
    const total = Number.parseInt(response.headers.get('X-Total-Count') ?? '', 10);
    return {jobs, total: Number.isNaN(total) ? jobs.length : total};
  }

  job(id) {
    return this.json('GET', `/api/jobs/${segment(id)}`);
  }

  results(id) {
    return this.json('GET', `/api/results/${segment(id)}`);
  }

  cancel(id) {
    return this.json('DELETE', `/api/jobs/${segment(id)}`);
  }

  /** Renames a job (any job: the on-demand route takes them all); answers the on-demand summary. */
  rename(id, name) {
    return this.envelope('PUT', `/api/v1/jobs/${segment(id)}`, {
      body: JSON.stringify({name}),
      headers: {'Content-Type': 'application/json'},
    });
  }

  /** A URL to download a finished on-demand job's output file: signed by this server, or an S3 presigned URL. */
  resultLink(id) {
    return this.envelope('GET', `/api/v1/jobs/result-link/${segment(id)}`);
  }

  /**
   * Creates an on-demand job over a file.
   * @param options {model, version, mimeType, name, mapping, outputMapping, file}
   */
  upload({file, ...data}) {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    form.append('file', file, file.name);
    return this.envelope('POST', '/api/v1/jobs', {body: form});
  }

  async json(method, path, init = {}) {
    const response = await this.send(method, path, init);
    return response.json();
  }

  /** An on-demand route: the answer's data, out of its envelope. */
  async envelope(method, path, init = {}) {
    const body = await this.json(method, path, init);
    return body.data;
  }

  async send(method, path, {body, headers = {}} = {}) {
    let response;
    try {
      response = await fetch(path, {
        method,
        body,
        headers: {Authorization: `ApiKey ${this.key}`, Accept: 'application/json', ...headers},
        cache: 'no-store',
      });
    } catch (failure) {
      throw new ApiError(0, `the server could not be reached (${failure.message})`);
    }
    if (!response.ok) {
      const error = new ApiError(response.status, await errorMessage(response));
      if (error.unauthorized) {
        this.onUnauthorized(error);
      }
      throw error;
    }
    return response;
  }
}

/** The server's explanation: "message" in a Modzy error, "errorMessage" in an on-demand envelope. */
async function errorMessage(response) {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    const message = body?.message ?? body?.errorMessage;
    if (typeof message === 'string' && message !== '') {
      return message;
    }
  } catch {
    // not JSON: a proxy in between may answer in HTML or plain text
  }
  const plain = text.trim().slice(0, 200);
  return plain !== '' ? plain : `the server answered ${response.status} ${response.statusText}`.trim();
}

function segment(value) {
  return encodeURIComponent(value);
}
