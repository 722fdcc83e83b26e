import type { ShippedData } from "../../platform/module.ts";
import { WordPairs } from "../../platform/search/word-pairs.ts";

/** The shipped word pairs of nynorsk and bokmål (data/search), brought up to date at every start. */
export const shippedWordPairs: ShippedData = {
  async update(db, { progress }) {
    progress("bringing the search's word pairs up to date");
    const { added, removed } = await new WordPairs(db).updateShipped();
    return `Search word pairs up to date (${added} added, ${removed} removed)`;
  },
};
