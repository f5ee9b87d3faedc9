-- The group approach's view reads one group's facts across its members: by the group id in the data.
create index audience_entry_group on audience_entry ((data->>'groupId'), generation)
    where data_category = 'GROUP';
