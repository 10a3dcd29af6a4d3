import { zhCN } from 'zod/locales';
import { z } from 'zod/mini';

// Everyone who reads a validation message reads Chinese. zod's locale is global, so it is set
// once here, where every schema of the project is made.
z.config(zhCN());
