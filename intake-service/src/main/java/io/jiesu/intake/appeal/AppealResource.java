package io.jiesu.intake.appeal;

import io.jiesu.intake.admission.Admitted;
import io.jiesu.intake.cases.CaseView;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;

/** {@code POST /api/v1/appeals}: where every case begins. */
@Path("/api/v1/appeals")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AppealResource {
    /** Same as docs/examples/appeal.json. */
    static final String EXAMPLE = """
            {"externalId": "CTI-20261125-0930-000173", "channel": "PHONE", "receivedAt": "2026-11-25T01:30:12Z",
             "citizen": {"name": "王女士", "phone": "13800138000", "anonymous": false, "confidential": false},
             "type": "COMPLAINT", "categoryCode": "HEATING", "urgency": "URGENT",
             "location": {"districtCode": "110101", "streetCode": "110101001", "community": "东华门社区",
                          "address": "东城区南池子大街12号院3号楼2单元401"},
             "content": "家里暖气不热，室温只有14度，家中有老人，已经三天了，请尽快处理。",
             "attachments": [{"kind": "call-recording", "url": "https://cti.12345.example/recordings/CTI-20261125-0930-000173.wav"}]}""";
    /** Same as docs/examples/appeal-with-community.json: the community as a code (GET /api/v1/reference/streets/{code}/communities). */
    static final String EXAMPLE_WITH_COMMUNITY = """
            {"externalId": "CTI-20261206-1415-000052", "channel": "PHONE", "receivedAt": "2026-12-06T06:15:40Z",
             "citizen": {"name": "李先生", "phone": "13900139000", "anonymous": false, "confidential": false},
             "type": "COMPLAINT", "categoryCode": "WAGE_ARREARS", "urgency": "NORMAL",
             "location": {"districtCode": "110105", "streetCode": "110105026", "communityCode": "110105026034",
                          "community": "花家地西里社区", "address": "朝阳区花家地西里三区某装修公司"},
             "content": "在装修公司干了四个月，老板拖欠工资两万三千元，多次讨要无果。"}""";

    @Inject
    AppealService appeals;
    @Inject
    AppealCommitter committer;

    @POST
    @RolesAllowed({Roles.TELEPHONY, Roles.OPERATOR})
    @Admitted // a place in the admission budget before the body is read: a refusal (503/429) parses nothing
    @Operation(summary = "Submit an appeal", description = "Idempotent on externalId (e.g. the call id): a retry "
            + "returns the case the first request created, with 200 instead of 201.")
    @APIResponse(responseCode = "201", description = "Case created")
    @APIResponse(responseCode = "200", description = "Same externalId seen before: the existing case")
    @APIResponse(responseCode = "400", description = "Malformed or invalid body, every bad field named")
    @APIResponse(responseCode = "422", description = "Unknown codes, with where to find the valid ones")
    @APIResponse(responseCode = "429", description = "This client is over its share of the admission budget: "
            + "nothing was recorded; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "Intake is at its admission budget: nothing was recorded; "
            + "retry after Retry-After seconds")
    public Response submit(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "a heating complaint from the telephony system", value = EXAMPLE),
                @ExampleObject(name = "unpaid wages, the community as a code", value = EXAMPLE_WITH_COMMUNITY)}))
            @NotNull(message = "a JSON body is required") @Valid AppealRequest appeal) {
        if (appeal == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        // the checks that need no database answer a bad appeal (422) before it joins a group of others; then one
        // transaction for a group of concurrent appeals and their answers (issue 19), inside the place each holds:
        // a new case is answered from what was just stored, a retry's case read back in the same transaction
        AppealCommitter.Answer answer = committer.accept(appeals.checked(appeal), null);
        CaseView view = answer.view();
        return answer.created()
                ? Response.created(URI.create("/api/v1/cases/" + view.caseId())).entity(view).build()
                : Response.ok(view).build();
    }
}
