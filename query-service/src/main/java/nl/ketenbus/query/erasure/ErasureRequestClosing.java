package nl.ketenbus.query.erasure;

import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.Projection;
import org.springframework.stereotype.Component;

/**
 * When a youth's erasure reaches the query side, an erasure request still open for it is closed: the
 * youth was erased otherwise (its retention, the erasure register), and the request would otherwise wait
 * for a second privacy officer for nothing, and count as waiting ({@link ErasureRequestsWaiting}).
 */
@Component
class ErasureRequestClosing implements Projection {

    private final ErasureRequests requests;

    ErasureRequestClosing(ErasureRequests requests) {
        this.requests = requests;
    }

    @Override
    public void apply(BackboneEvent event) {
        // Requests are not fed from the backbone; only an erasure reaches them.
    }

    @Override
    public void erase(String subjectRef) {
        requests.closeAsErasedOtherwise(subjectRef);
    }
}
