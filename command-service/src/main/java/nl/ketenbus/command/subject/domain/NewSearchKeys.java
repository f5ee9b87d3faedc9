package nl.ketenbus.command.subject.domain;

/**
 * Makes a newly registered youth findable by the name search, in the registration's transaction. Only the
 * registration itself records a key: a form identifying a youth known already records nothing, and so may not
 * make it findable under another name or date of birth than the ones it was registered with.
 */
@FunctionalInterface
public interface NewSearchKeys {

    void record(String subjectRef, String searchKey);
}
