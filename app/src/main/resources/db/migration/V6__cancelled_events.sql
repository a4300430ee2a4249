-- The refund of a cancelled event's orders looks for recently cancelled events every few
-- seconds (CancelledEventRefunds): without this index that read every event.
CREATE INDEX events_cancelled_idx ON events (updated_at) WHERE status = 'CANCELLED';
