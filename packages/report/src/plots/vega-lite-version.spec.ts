import { VEGA_LITE_SCHEMA } from '@hepuq/core';
import { version as vegaLiteVersion } from 'vega-lite';
import { describe, expect, it } from 'vitest';

describe('Vega-Lite version', () => {
  it("core's VEGA_LITE_SCHEMA names the major version of the vega-lite the report renders with", () => {
    expect(VEGA_LITE_SCHEMA).toBe(`https://vega.github.io/schema/vega-lite/v${vegaLiteVersion.split('.')[0]}.json`);
  });
});
