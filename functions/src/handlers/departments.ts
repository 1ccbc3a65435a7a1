import { listDepartments } from '../domain/requests/use-cases';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.departments, async ({ deps }) => listDepartments(deps));
