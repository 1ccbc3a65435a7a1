/** The stations job's part: the station repository (check-ins and reports live in it). */
import { lazy, type Part } from '../platform/wiring';
import { DynamoStationRepository } from './adapters/dynamodb-station-repository';

export const stationsPart: Part = (d, { doc, table }) => {
  lazy(d, 'stations', () => new DynamoStationRepository(doc, table));
};
