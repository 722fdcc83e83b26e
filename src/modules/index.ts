import type { ModuleManifest } from "../platform/module.ts";
import { accountsModule } from "./accounts/manifest.ts";
import { annualModule } from "./annual/manifest.ts";
import { consultationsModule } from "./consultations/manifest.ts";
import { decisionsModule } from "./decisions/manifest.ts";
import { directoryModule } from "./directory/manifest.ts";
import { economyModule } from "./economy/manifest.ts";
import { followingModule } from "./following/manifest.ts";
import { gatheringsModule } from "./gatherings/manifest.ts";
import { homeModule } from "./home/manifest.ts";
import { importsModule } from "./imports/manifest.ts";
import { needsModule } from "./needs/manifest.ts";
import { networksModule } from "./networks/manifest.ts";
import { newsModule } from "./news/manifest.ts";
import { projectsModule } from "./projects/manifest.ts";
import { reportsModule } from "./reports/manifest.ts";
import { roadmapModule } from "./roadmap/manifest.ts";
import { searchModule } from "./search/manifest.ts";
import { solutionsModule } from "./solutions/manifest.ts";
import { strategiesModule } from "./strategies/manifest.ts";
import { subjectsModule } from "./subjects/manifest.ts";
import { surveysModule } from "./surveys/manifest.ts";

/** Every capability, in the order its menu entries appear and its demo data is made. A new module is added here and nowhere else. */
export const modules: ModuleManifest[] = [
  homeModule,
  // The site search reads every module's search sources when a query comes, so it may stand anywhere.
  searchModule,
  networksModule,
  projectsModule,
  needsModule,
  decisionsModule,
  roadmapModule,
  strategiesModule,
  consultationsModule,
  solutionsModule,
  // Subject networks before gatherings: a gathering can be for a subject network (and is seeded after it).
  subjectsModule,
  gatheringsModule,
  // News after what it may be about: its demo items are published, which tells the networks' followers.
  newsModule,
  // What each member got: the economy and the surveys, then the reports drawn from every module above.
  economyModule,
  surveysModule,
  reportsModule,
  annualModule,
  // Imports run every module's importers, so they are built after all of them.
  importsModule,
  followingModule,
  directoryModule,
  accountsModule,
];
