import { z } from 'zod';
import { zhCN } from 'zod/locales';

// Every message a coordinator or scorer reads is Chinese. zod's locale is global; setting it here
// too keeps this package's fallback messages Chinese even when used without the questionnaire.
z.config(zhCN());
