#pragma once

#include "apiresponse.h"

#include <memory>

struct ApiResponderState;

// The answer channel of a deferred request (one that waits on ComfyUI). Cheap to copy;
// all copies share one state. send() writes once; when the caller has disconnected in the
// meantime nothing is written and send() returns false. A responder dropped without an
// answer sends 500 if the caller is still there, so no request hangs forever.
class ApiResponder
{
public:
    ApiResponder() = default;

    bool isValid() const { return m_state != nullptr; }
    // The caller is still connected and no answer was sent yet.
    bool isWaiting() const;
    bool isSent() const;
    bool send(const ApiResponse &response);

private:
    friend class HttpServerAdapter;
    explicit ApiResponder(std::shared_ptr<ApiResponderState> state);

    std::shared_ptr<ApiResponderState> m_state;
};
