import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../../worker/webhooks/url-policy';

const refused = [
  'http://hooks.example.com/in', // not https
  'ftp://hooks.example.com/in',
  'not a url',
  'https://user:pw@hooks.example.com/',
  'https://localhost/in',
  'https://api.localhost/in',
  'https://127.0.0.1/in',
  'https://0x7f.1/in', // 127.0.0.1 written in hex
  'https://2130706433/in', // 127.0.0.1 as one number
  'https://10.1.2.3/',
  'https://172.16.0.1/',
  'https://172.31.255.255/',
  'https://192.168.1.10/',
  'https://169.254.169.254/latest/meta-data', // cloud metadata
  'https://100.64.0.1/',
  'https://0.0.0.0/',
  'https://[::1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://[fd00::1]/',
  'https://[fe80::1]/',
  'https://intranet/',
  'https://printer.local/',
  'https://db.internal/',
];
const accepted = [
  'https://hooks.example.com/in',
  'https://8.8.8.8/x',
  'https://172.32.0.1/',
  'https://[2606:4700::1111]/',
];

describe('webhook URL policy', () => {
  it.each(refused)('refuses %s', (url) => expect(checkWebhookUrl(url).ok).toBe(false));
  it.each(accepted)('accepts %s', (url) => expect(checkWebhookUrl(url).ok).toBe(true));
  it('allows http and loopback only with the explicit dev setting, and still no private networks', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://localhost:9000/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://10.0.0.5/hook', true).ok).toBe(false);
    expect(checkWebhookUrl('http://hooks.example.com/hook', true).ok).toBe(false);
  });
});
