import { listDepartments } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.departments, async ({ deps }) => listDepartments(deps));
