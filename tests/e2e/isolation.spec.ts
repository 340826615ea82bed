import { expect, test, type Page } from '@playwright/test';
import { EmbedHost } from './pages/embed-host';

// A portal stylesheet with ordinary, careless element rules.
const HOSTILE_CSS = `
  * { box-sizing: content-box; letter-spacing: 2px; }
  body { font: 18px/2 "Comic Sans MS", cursive; color: #333; }
  h2, h3 { font-size: 40px; text-transform: uppercase; margin: 60px 0; color: purple; }
  p, dl, dd { margin: 40px; line-height: 3; }
  ul { list-style: square; padding-left: 120px; }
  li { display: inline; }
  a { color: yellow; text-decoration: none; }
  button { background: red; color: white; border: 5px dashed lime; text-transform: uppercase; padding: 30px; }
  input, select { border: 0; background: black; color: black; }
  article { border: 4px solid orange; }
  section { display: flex; padding: 100px; }
`;

async function widgetStyles(page: Page) {
  return page.evaluate(() => {
    const pick = (selector: string, properties: string[]) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const style = getComputedStyle(element);
      return Object.fromEntries(properties.map((property) => [property, style.getPropertyValue(property)]));
    };
    return {
      section: pick('.mkb', ['display', 'padding-top', 'font-family', 'letter-spacing']),
      heading: pick('.mkb-card__title', ['font-size', 'text-transform', 'margin-top', 'color']),
      card: pick('.mkb-card', ['border-top-width', 'box-sizing']),
      list: pick('.mkb-grid', ['padding-left', 'list-style-type']),
      item: pick('.mkb-grid__item', ['display']),
      fact: pick('.mkb-card__fact dd', ['margin-left', 'line-height']),
      link: pick('.mkb-card__link', ['color', 'text-decoration-line']),
      button: pick('[data-testid=show]', ['background-color', 'border-top-style', 'padding-top', 'text-transform']),
      input: pick('[data-testid=software-id]', ['background-color', 'color', 'border-top-width']),
    };
  });
}

test('a hostile host stylesheet does not change the widget, and the widget does not restyle the host', async ({
  page,
}) => {
  const render = async (withHostileCss: boolean) => {
    const host = new EmbedHost(page);
    await page.route('**/hostile.css', (route) =>
      route.fulfill({ contentType: 'text/css', body: withHostileCss ? HOSTILE_CSS : '' }),
    );
    await host.open(['a'], ['/hostile.css']);
    await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' });
    await expect(host.cards('a')).toHaveCount(5);
    // The ID form is code that loads after the first cards.
    await expect(host.container('a').getByTestId('software-id')).toBeVisible();
    return widgetStyles(page);
  };
  const clean = await render(false);
  const hostile = await render(true);
  expect(hostile).toEqual(clean);

  // The host keeps its own look outside the widget.
  const hostButton = await page.evaluate(() => {
    const button = document.createElement('button');
    button.textContent = 'host';
    document.body.append(button);
    return getComputedStyle(button).backgroundColor;
  });
  expect(hostButton).toBe('rgb(255, 0, 0)');
});

test('the theme option forces light or dark colours whatever the page prefers', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const host = new EmbedHost(page);
  await host.open(['light', 'dark']);
  await host.mount('light', {
    softwareId: 'microsoft-_-edge',
    token: 'mock-development-token',
    apiBase: '',
    theme: 'light',
  });
  await host.mount('dark', {
    softwareId: 'microsoft-_-edge',
    token: 'mock-development-token',
    apiBase: '',
    theme: 'dark',
  });
  await expect(host.cards('dark')).toHaveCount(5);
  const background = (name: string) =>
    host
      .container(name)
      .locator('.mkb-card')
      .first()
      .evaluate((card) => getComputedStyle(card).backgroundColor);
  expect(await background('light')).toBe('rgb(255, 255, 255)');
  expect(await background('dark')).toBe('rgb(41, 41, 41)');
});
