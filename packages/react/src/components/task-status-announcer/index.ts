export {
  TaskStatusAnnouncer,
  taskStatusMessage,
  type TaskStatusAnnouncement,
  type TaskStatusAnnouncerProps,
} from './task-status-announcer.js';
