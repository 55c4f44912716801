-- The language a key's holder reads (issue 15): error messages and served texts come in this
-- language unless a request's Accept-Language asks for another; NULL means the platform's
-- default, zh-CN (src/i18n/locale.ts).
ALTER TABLE api_keys ADD COLUMN locale text CHECK (locale IN ('zh-CN', 'en'));
