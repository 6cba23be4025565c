export {
  TaskStatusAnnouncer,
  type TaskStatusAnnouncement,
  type TaskStatusAnnouncerProps,
} from './task-status-announcer.js';
