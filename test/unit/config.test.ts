import { parseConfig, ConfigError } from '../../src/config';

describe('configuration', () => {
  it('when nothing is set, then local defaults apply', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });
  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['NOTIFY_WEBHOOK_URL', 'ftp//x'],
  ])('when %s is %p, then parsing fails naming the variable', (key, value) => {
    expect(() => parseConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [key]: value })).toThrow(new RegExp(key));
  });
});
