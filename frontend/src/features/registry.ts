/** Every resource the app lists and edits, by URL key. A new endpoint is one config file and one line here. */
import type { AnyResource } from '@/components/resource/types';
import { members } from './members/resource';
import { proteins } from './proteins/resource';

export const RESOURCES: AnyResource[] = [proteins, members];

export const REGISTRY: Record<string, AnyResource> = Object.fromEntries(RESOURCES.map((resource) => [resource.key, resource]));
