// The upload of a CSV, JSON or NDJSON file to a tabular model, with the mapping of its columns onto the model's
// fields and of the model's outputs onto output columns (POST /api/v1/jobs).

import {byId, el, replaceChildren, show} from './dom.js';
import * as format from './format.js';
import {clearError, showFailure, showNotice} from './messages.js';
import {setText} from './progress.js';

const FORMAT_BY_EXTENSION = {
  csv: 'text/csv; header=present',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  jsonl: 'application/x-ndjson',
};

export class UploadForm {
  #api;
  #models = new Map();

  /** @param onSubmitted called with the new job's summary */
  constructor(api, onSubmitted) {
    this.#api = api;
    this.onSubmitted = onSubmitted;
    byId('upload-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    byId('upload-model').addEventListener('change', () => this.#showModel());
    byId('upload-file').addEventListener('change', () => this.#guessFormat());
  }

  /** Reads the models that take files (those with fields) and offers them. */
  async load() {
    const models = await this.#api.models();
    const descriptors = await Promise.all(models.map((model) =>
      this.#api.descriptor(model.identifier, model.latestVersion)));
    this.#models.clear();
    for (const descriptor of descriptors) {
      if ((descriptor.fields ?? []).length > 0) {
        this.#models.set(descriptor.identifier, descriptor);
      }
    }
    const select = byId('upload-model');
    replaceChildren(select, [...this.#models.values()].map((model) =>
      el('option', {value: model.identifier}, `${model.name} ${model.version} (${model.identifier})`)));
    const usable = this.#models.size > 0;
    byId('upload-submit').disabled = !usable;
    setText(byId('upload-model-help'), usable ? '' : 'No model of this server takes files.');
    this.#showModel();
  }

  #selected() {
    return this.#models.get(byId('upload-model').value);
  }

  #showModel() {
    const model = this.#selected();
    const fields = model?.fields ?? [];
    const outputs = model?.outputFields ?? [];
    replaceChildren(byId('mapping-rows'), fields.map((field) => el('tr', {'data-field': field.name},
        el('th', {scope: 'row'}, `${field.name} (${field.type})`),
        el('td', {}, el('input', {type: 'text', id: inputId('map-source', field.name), placeholder: field.name,
          'aria-label': `Column for field ${field.name}`, spellcheck: 'false'})),
        el('td', {}, el('input', {type: 'text', id: inputId('map-default', field.name),
          'aria-label': `Default for field ${field.name}`, spellcheck: 'false'})))));
    replaceChildren(byId('output-mapping-rows'), outputs.map((field) => el('tr', {'data-field': field.name},
        el('th', {scope: 'row'}, `${field.name} (${field.type})`),
        el('td', {}, el('input', {type: 'text', id: inputId('out-destination', field.name), placeholder: field.name,
          'aria-label': `Output column for ${field.name}`, spellcheck: 'false'})))));
    show(byId('output-mapping-fields'), outputs.length > 0);
    if (model) {
      const pricing = model.pricing ?? {};
      const price = `Billed ${format.billing(pricing.unitsPerGroup)} per ${format.count(pricing.recordsPerGroup)}`
          + ' records or part of them.';
      setText(byId('upload-model-help'), `${model.description ?? ''} ${price}`.trim());
    }
  }

  #guessFormat() {
    const file = byId('upload-file').files[0];
    const extension = file?.name.split('.').pop()?.toLowerCase();
    const guessed = FORMAT_BY_EXTENSION[extension];
    if (guessed) {
      byId('upload-format').value = guessed;
    }
  }

  /** The options of the upload, from the form; leaves out mappings left blank. */
  #request() {
    const model = this.#selected();
    const mapping = [];
    for (const field of model.fields) {
      const source = byId(inputId('map-source', field.name)).value.trim();
      const defaultValue = byId(inputId('map-default', field.name)).value;
      if (source !== '' || defaultValue !== '') {
        mapping.push({source, destination: field.name, defaultValue: defaultValue === '' ? null : defaultValue});
      }
    }
    const outputMapping = [];
    for (const field of model.outputFields ?? []) {
      const destination = byId(inputId('out-destination', field.name)).value.trim();
      if (destination !== '' && destination !== field.name) {
        outputMapping.push({source: field.name, destination});
      }
    }
    const request = {
      model: model.identifier,
      version: model.version,
      mimeType: byId('upload-format').value,
      mapping,
      outputMapping,
      file: byId('upload-file').files[0],
    };
    const name = byId('upload-name').value.trim();
    if (name !== '') {
      request.name = name;
    }
    return request;
  }

  async #submit() {
    const file = byId('upload-file').files[0];
    if (!this.#selected() || !file) {
      showFailure('Uploading', new Error('choose a model and a file first'));
      return;
    }
    const button = byId('upload-submit');
    button.disabled = true;
    setText(button, 'Uploading…');
    try {
      const job = await this.#api.upload(this.#request());
      clearError();
      showNotice(`Submitted “${job.name}”: ${format.count(job.recordCount)} records in `
          + `${format.count(job.recordGroupCount)} ${job.recordGroupCount === 1 ? 'group' : 'groups'}, billed `
          + `${format.billing(job.billedUsage)}. It runs below.`);
      byId('upload-file').value = '';
      byId('upload-name').value = '';
      this.onSubmitted(job);
    } catch (error) {
      showFailure(`Uploading ${file.name}`, error);
    } finally {
      button.disabled = false;
      setText(button, 'Upload and run');
    }
  }
}

/** An element id for a field's input: the field's name with anything but letters, digits, - and _ as _. */
export function inputId(prefix, fieldName) {
  return `${prefix}-${fieldName.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
