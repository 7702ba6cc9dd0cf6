import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient } from '../../src/client/api-client.js';
import { TokenManager } from '../../src/client/token-manager.js';

describe('ApiClient.url', () => {
  const url = (base: string, path = 'v1/studies', query = {}) => new ApiClient(base, new TokenManager()).url(path, query).href;

  it('puts the endpoint under the API base, with or without a trailing slash or the /v1 of the docs', () => {
    for (const base of ['https://api.example', 'https://api.example/', 'https://api.example/v1', 'https://api.example/v1/', 'https://api.example//']) {
      assert.equal(url(base), 'https://api.example/v1/studies', base);
    }
  });

  it('keeps a base path of the host\'s own (a proxy), and only a whole /v1 segment is taken for the API\'s', () => {
    assert.equal(url('https://pacs.example/avara'), 'https://pacs.example/avara/v1/studies');
    assert.equal(url('https://pacs.example/avara/v1'), 'https://pacs.example/avara/v1/studies');
    assert.equal(url('https://pacs.example/api-v1'), 'https://pacs.example/api-v1/v1/studies');
    assert.equal(url('https://pacs.example/v12'), 'https://pacs.example/v12/v1/studies');
  });

  it('sets the query, leaving out empty values; never a token', () => {
    assert.equal(url('https://api.example', 'v1/studies', { q: 'Müller', limit: 50, severity: '', sort: undefined }), 'https://api.example/v1/studies?q=M%C3%BCller&limit=50');
  });
});
