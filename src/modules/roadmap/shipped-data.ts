import { systemActor } from "../../platform/access/actor.ts";
import type { ShippedData } from "../../platform/module.ts";
import { importCatalogue } from "./catalogue/shipped-catalogue.ts";

/** The catalogue of national solutions is real data: every start brings it up to date with the shipped file. */
export const shippedCatalogue: ShippedData = {
  async update(db, { progress }) {
    progress("bringing the catalogue of national solutions up to date");
    const c = await importCatalogue(db, systemActor("reference import"));
    return `National solutions: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
  },
};
