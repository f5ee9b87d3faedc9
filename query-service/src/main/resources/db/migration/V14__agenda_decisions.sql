-- The signal meeting's decision takes a youth off its agenda (a follow-up keeps it there) until a new
-- match or a new assessment outcome puts it back; the outcome is kept to tell a new outcome from the
-- same outcome with other counts.
alter table agenda_standing add column decided boolean not null default false;
alter table agenda_standing add column outcome varchar(40);
