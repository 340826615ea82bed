import { expect, type Locator, type Page, type Request } from '@playwright/test';

/** The standalone page with one widget, as a person uses it. */
export class StandalonePage {
  readonly softwareId: Locator;
  readonly show: Locator;
  readonly cards: Locator;
  readonly summary: Locator;
  readonly empty: Locator;
  readonly error: Locator;
  readonly errorMessage: Locator;
  readonly retry: Locator;
  readonly loading: Locator;
  readonly validation: Locator;
  readonly announcement: Locator;
  /** Every getmissingkbs request the page made. */
  readonly apiRequests: Request[] = [];

  constructor(readonly page: Page) {
    this.softwareId = page.getByTestId('software-id');
    this.show = page.getByTestId('show');
    this.cards = page.getByTestId('kb-card');
    this.summary = page.getByTestId('summary');
    this.empty = page.getByTestId('empty');
    this.error = page.getByTestId('error');
    this.errorMessage = page.getByTestId('error-message');
    this.retry = page.getByTestId('retry');
    this.loading = page.getByTestId('loading');
    this.validation = page.getByTestId('software-id-error');
    this.announcement = page.getByTestId('announcement');
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/getmissingkbs')) this.apiRequests.push(request);
    });
  }

  async open(softwareId?: string) {
    const query = softwareId === undefined ? '' : `?softwareId=${encodeURIComponent(softwareId)}`;
    await this.page.goto(`/${query}`);
    await expect(this.softwareId).toBeVisible();
  }

  async search(softwareId: string) {
    await this.softwareId.fill(softwareId);
    await this.show.click();
  }

  card(index: number) {
    const card = this.cards.nth(index);
    return {
      root: card,
      number: card.getByTestId('kb-number'),
      name: card.getByTestId('kb-name'),
      machines: card.getByTestId('machines-missing'),
      cves: card.getByTestId('cves-addressed'),
      products: card.getByTestId('products'),
      link: card.getByTestId('catalog-link'),
    };
  }

  async machineCounts(): Promise<number[]> {
    return this.page
      .getByTestId('machines-missing')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
  }
}
