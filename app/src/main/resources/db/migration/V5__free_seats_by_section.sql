-- Best-available holds read the free seats of one section from the front, a page at a
-- time (SeatInventory.freeInSection): without this index that walked the whole event.
CREATE INDEX seats_free_in_section_idx ON seats (event_id, section_code, position) WHERE status = 'AVAILABLE';
