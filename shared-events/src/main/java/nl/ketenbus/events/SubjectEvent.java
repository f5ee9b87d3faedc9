package nl.ketenbus.events;

/**
 * Every event concerns exactly one subject (a youth), named only by its pseudonymous reference.
 * The reference is the event stream key on the command side and the Kafka record key.
 */
public interface SubjectEvent {

    /** Pseudonymous reference of the youth; never a name or BSN. */
    String subjectRef();
}
