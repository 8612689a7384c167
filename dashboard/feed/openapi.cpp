#include "openapi.hpp"

#include <nlohmann/json.hpp>

namespace actionboard::feed {

namespace {

// OpenAPI 3.1: its schemas are JSON Schema 2020-12, so the tests validate real responses against
// them. Keep in step with shapes.cpp and docs/feed.md.
constexpr const char* openapi_source = R"json(
{
  "openapi": "3.1.0",
  "info": {
    "title": "actionboard feed",
    "version": "1",
    "summary": "Read-only JSON feed of an action plan: compliance, RAG status and deadlines.",
    "description": "Every endpoint answers GET and HEAD; any other method gives 405 with an Allow header. Bodies are UTF-8. Every response carries a strong ETag per representation (If-None-Match gives 304), Cache-Control: no-cache and Vary: Accept-Encoding; gzip is served when accepted. Errors are JSON objects {\"error\": {\"code\", \"message\"}}. Unknown or repeated query parameters are refused with 400. as_of=YYYY-MM-DD on any /api/v1 endpoint computes the view at another date. docs/feed.md has curl examples.",
    "license": {"name": "see the repository"}
  },
  "servers": [{"url": "http://127.0.0.1:8080", "description": "the default bind address and port"}],
  "paths": {
    "/": {
      "get": {
        "summary": "Index of the endpoints",
        "operationId": "getIndex",
        "responses": {
          "200": {
            "description": "The endpoints",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Index"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/summary": {
      "get": {
        "summary": "Plan metadata, totals by status and RAG, milestones and chapters",
        "operationId": "getSummary",
        "parameters": [{"$ref": "#/components/parameters/as_of"}],
        "responses": {
          "200": {
            "description": "The summary",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Summary"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/chapters": {
      "get": {
        "summary": "Every chapter with its key points, local position and recommendations",
        "operationId": "getChapters",
        "parameters": [{"$ref": "#/components/parameters/as_of"}],
        "responses": {
          "200": {
            "description": "The chapters in plan order",
            "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/ChapterList"}}
            }
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/chapters/{n}": {
      "get": {
        "summary": "One chapter",
        "operationId": "getChapter",
        "parameters": [
          {
            "name": "n",
            "in": "path",
            "required": true,
            "description": "The chapter number",
            "schema": {"type": "integer", "minimum": 0}
          },
          {"$ref": "#/components/parameters/as_of"}
        ],
        "responses": {
          "200": {
            "description": "The chapter",
            "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/ChapterResponse"}}
            }
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/recommendations": {
      "get": {
        "summary": "Recommendations, filtered (filters combine with AND; a comma-separated list within one filter matches any of its values)",
        "operationId": "getRecommendations",
        "parameters": [
          {"$ref": "#/components/parameters/as_of"},
          {"$ref": "#/components/parameters/chapter"},
          {"$ref": "#/components/parameters/status"},
          {"$ref": "#/components/parameters/rag"},
          {"$ref": "#/components/parameters/lead"},
          {"$ref": "#/components/parameters/addressed_to"},
          {"$ref": "#/components/parameters/q"}
        ],
        "responses": {
          "200": {
            "description": "The recommendations that pass every filter, in plan order",
            "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/RecommendationList"}}
            }
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/recommendations/{ref}": {
      "get": {
        "summary": "One recommendation: the full record with responses, parts and milestones",
        "operationId": "getRecommendation",
        "parameters": [
          {
            "name": "ref",
            "in": "path",
            "required": true,
            "description": "The recommendation's ref as the plan writes it (\"12\", \"3a\", \"1.10\", \"R12\"), percent-encoded; letters match ignoring case",
            "schema": {"$ref": "#/components/schemas/Ref"}
          },
          {"$ref": "#/components/parameters/as_of"}
        ],
        "responses": {
          "200": {
            "description": "The recommendation",
            "content": {
              "application/json": {
                "schema": {"$ref": "#/components/schemas/RecommendationResponse"}
              }
            }
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/recommendations.csv": {
      "get": {
        "summary": "The recommendations table for Excel, one row per recommendation with its next milestone",
        "description": "UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line ends. Columns: ref, chapter, chapter_title, addressed_to, status, rag, recommendation, milestones, overdue, due_soon, next_milestone, next_due, next_rag, next_lead, status_reason. Takes the same filters as /api/v1/recommendations.",
        "operationId": "getRecommendationsCsv",
        "parameters": [
          {"$ref": "#/components/parameters/as_of"},
          {"$ref": "#/components/parameters/chapter"},
          {"$ref": "#/components/parameters/status"},
          {"$ref": "#/components/parameters/rag"},
          {"$ref": "#/components/parameters/lead"},
          {"$ref": "#/components/parameters/addressed_to"},
          {"$ref": "#/components/parameters/q"}
        ],
        "responses": {
          "200": {
            "description": "The table",
            "content": {"text/csv": {"schema": {"type": "string"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/deadlines": {
      "get": {
        "summary": "Local milestones sorted by due date, overdue first",
        "description": "Overdue (red) milestones come first, then the others by due date; undated (ongoing or unscheduled) milestones come last and are left out when from or to is given.",
        "operationId": "getDeadlines",
        "parameters": [
          {"$ref": "#/components/parameters/as_of"},
          {
            "name": "from",
            "in": "query",
            "description": "Only milestones due on or after this date (YYYY-MM-DD)",
            "schema": {"type": "string", "format": "date"}
          },
          {
            "name": "to",
            "in": "query",
            "description": "Only milestones due on or before this date (YYYY-MM-DD); not before from",
            "schema": {"type": "string", "format": "date"}
          },
          {"$ref": "#/components/parameters/rag"}
        ],
        "responses": {
          "200": {
            "description": "The milestones",
            "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/DeadlineList"}}
            }
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/quality": {
      "get": {
        "summary": "Data-quality findings: milestones with no timescale or no lead",
        "operationId": "getQuality",
        "parameters": [{"$ref": "#/components/parameters/as_of"}],
        "responses": {
          "200": {
            "description": "The findings",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Quality"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/plan": {
      "get": {
        "summary": "The whole plan with every computed field",
        "operationId": "getPlan",
        "parameters": [{"$ref": "#/components/parameters/as_of"}],
        "responses": {
          "200": {
            "description": "The plan",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Plan"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "summary": "This description",
        "operationId": "getOpenApi",
        "parameters": [{"$ref": "#/components/parameters/as_of"}],
        "responses": {
          "200": {
            "description": "OpenAPI 3.1 document",
            "content": {"application/json": {"schema": {"type": "object"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/api/v1/source": {
      "get": {
        "summary": "The plan exactly as this instance loaded it, for displays that follow it",
        "description": "The bytes of the plan file (or of what this instance's own source sent, when it follows another), unchanged: another actionboard started with --data http://HOST:PORT polls this path with If-None-Match and validates what it gets as it would a file. The ETag is the data version of /healthz (gzip adds -gzip); Last-Modified is when the plan last changed (the file's modification time, passed down a chain of followers). as_of is accepted and changes nothing.",
        "operationId": "getSource",
        "parameters": [{"$ref": "#/components/parameters/as_of"}],
        "responses": {
          "200": {
            "description": "The plan file's bytes (a JSON plan: data/plan.schema.json)",
            "headers": {
              "ETag": {"description": "\"<data_version>\", or \"<data_version>-gzip\" for the gzip representation", "schema": {"type": "string"}},
              "Last-Modified": {"description": "when the plan last changed (IMF-fixdate)", "schema": {"type": "string"}}
            },
            "content": {"application/json": {"schema": {"type": "object"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/healthz": {
      "get": {
        "summary": "Health: ok, or degraded while the file on disk is invalid and the last good plan is served",
        "operationId": "getHealth",
        "responses": {
          "200": {
            "description": "The state (degraded still answers 200: the feed keeps serving)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}
          },
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics (text format 0.0.4)",
        "operationId": "getMetrics",
        "responses": {
          "200": {
            "description": "Recommendations by RAG and status overall and per chapter, milestones, reloads, requests by route and code, data age",
            "content": {"text/plain": {"schema": {"type": "string"}}}
          },
          "400": {"$ref": "#/components/responses/BadParameter"}
        }
      }
    }
  },
  "components": {
    "parameters": {
      "as_of": {
        "name": "as_of",
        "in": "query",
        "description": "Compute the view at this date (YYYY-MM-DD) instead of the plan's reporting date",
        "schema": {"type": "string", "format": "date"}
      },
      "chapter": {
        "name": "chapter",
        "in": "query",
        "description": "Chapter numbers, comma-separated",
        "schema": {"type": "string", "pattern": "^[0-9]+(,[0-9]+)*$"}
      },
      "status": {
        "name": "status",
        "in": "query",
        "description": "Compliance statuses, comma-separated: compliant, in_progress, awaiting_national, not_started",
        "schema": {"type": "string"}
      },
      "rag": {
        "name": "rag",
        "in": "query",
        "description": "RAG values, comma-separated: red, amber, green, blue, none",
        "schema": {"type": "string"}
      },
      "lead": {
        "name": "lead",
        "in": "query",
        "description": "Recommendations with a milestone led by this agency (the whole name, any letter case; typographic quotes, dashes and spaces compare as their plain forms, on both sides)",
        "schema": {"type": "string", "minLength": 1, "maxLength": 200}
      },
      "addressed_to": {
        "name": "addressed_to",
        "in": "query",
        "description": "national or local",
        "schema": {"type": "string", "enum": ["national", "local"]}
      },
      "q": {
        "name": "q",
        "in": "query",
        "description": "Text search (any letter case; typographic quotes, dashes and spaces compare as their plain forms, on both sides) in the recommendation's words, bodies, responses, deadlines, milestones and status reason",
        "schema": {"type": "string", "minLength": 1, "maxLength": 200}
      }
    },
    "responses": {
      "NotModified": {"description": "The representation matches If-None-Match"},
      "BadParameter": {
        "description": "A query parameter is unknown, repeated or has a value it does not accept; the body names it and what it accepts",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "NotFound": {
        "description": "No such chapter or recommendation",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "additionalProperties": false,
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "additionalProperties": false,
            "required": ["code", "message"],
            "properties": {
              "code": {"type": "integer", "description": "The HTTP status"},
              "message": {"type": "string"},
              "parameter": {"type": "string", "description": "400 only: the parameter at fault"},
              "accepts": {"type": "string", "description": "400 only: what the parameter accepts"}
            }
          }
        }
      },
      "Date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
      "NullableDate": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
      "Timestamp": {
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
      },
      "Rag": {"type": "string", "enum": ["red", "amber", "green", "blue", "none"]},
      "Status": {
        "type": "string",
        "enum": ["compliant", "in_progress", "awaiting_national", "not_started"]
      },
      "Audience": {
        "type": ["string", "null"],
        "enum": ["national", "local", null],
        "description": "null for a plan that answers no national report"
      },
      "Ref": {
        "type": "string",
        "minLength": 1,
        "description": "A recommendation's ref as the plan writes it: at most 16 characters, no control characters, no '/'. Listed in natural order (2 < 10 < 10a < 11, 1.2 < 1.10)."
      },
      "Blocks": {
        "type": "array",
        "description": "Paragraphs (strings) and bullet lists ({\"list\": [...]})",
        "items": {
          "oneOf": [
            {"type": "string"},
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["list"],
              "properties": {"list": {"type": "array", "items": {"type": "string"}}}
            }
          ]
        }
      },
      "ByStatus": {
        "type": "object",
        "additionalProperties": false,
        "required": ["compliant", "in_progress", "awaiting_national", "not_started"],
        "properties": {
          "compliant": {"type": "integer"},
          "in_progress": {"type": "integer"},
          "awaiting_national": {"type": "integer"},
          "not_started": {"type": "integer"}
        }
      },
      "ByRag": {
        "type": "object",
        "additionalProperties": false,
        "required": ["red", "amber", "green", "blue", "none"],
        "properties": {
          "red": {"type": "integer"},
          "amber": {"type": "integer"},
          "green": {"type": "integer"},
          "blue": {"type": "integer"},
          "none": {"type": "integer"}
        }
      },
      "RecommendationTotals": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "total",
          "compliant",
          "compliance_percent",
          "by_status",
          "by_rag",
          "national",
          "local",
          "worst_rag"
        ],
        "properties": {
          "total": {"type": "integer"},
          "compliant": {"type": "integer"},
          "compliance_percent": {
            "type": "number",
            "description": "compliant / total x 100, one decimal"
          },
          "by_status": {"$ref": "#/components/schemas/ByStatus"},
          "by_rag": {"$ref": "#/components/schemas/ByRag"},
          "national": {"type": ["integer", "null"], "description": "null when the plan answers no national report"},
          "local": {"type": ["integer", "null"], "description": "null when the plan answers no national report"},
          "worst_rag": {"$ref": "#/components/schemas/Rag"}
        }
      },
      "MilestoneTotals": {
        "type": "object",
        "additionalProperties": false,
        "required": ["total", "overdue", "due_soon", "complete", "ongoing", "recurring", "unscheduled"],
        "properties": {
          "total": {"type": "integer"},
          "overdue": {"type": "integer", "description": "red"},
          "due_soon": {"type": "integer", "description": "amber"},
          "complete": {"type": "integer", "description": "done: marked complete, or a deadline such as \"Complete\""},
          "ongoing": {"type": "integer"},
          "recurring": {"type": "integer"},
          "unscheduled": {"type": "integer"}
        }
      },
      "QualityTotals": {
        "type": "object",
        "additionalProperties": false,
        "required": ["no_timescale", "no_lead", "no_local_position"],
        "properties": {
          "no_timescale": {"type": "integer"},
          "no_lead": {"type": "integer"},
          "no_local_position": {"type": "integer"}
        }
      },
      "Totals": {
        "type": "object",
        "additionalProperties": false,
        "required": ["recommendations", "milestones", "quality"],
        "properties": {
          "recommendations": {"$ref": "#/components/schemas/RecommendationTotals"},
          "milestones": {"$ref": "#/components/schemas/MilestoneTotals"},
          "quality": {"$ref": "#/components/schemas/QualityTotals"}
        }
      },
      "PlanMeta": {
        "type": "object",
        "required": [
          "id",
          "title",
          "authority",
          "version",
          "source",
          "reporting_date",
          "as_of",
          "amber_days"
        ],
        "properties": {
          "id": {"type": "string"},
          "title": {"type": "string"},
          "authority": {"type": "string"},
          "version": {"type": "string"},
          "source": {"type": "string"},
          "reporting_date": {"$ref": "#/components/schemas/Date"},
          "as_of": {"$ref": "#/components/schemas/Date"},
          "amber_days": {"type": "integer"}
        }
      },
      "Lead": {
        "type": "object",
        "additionalProperties": false,
        "required": ["lead", "milestones", "overdue", "due_soon"],
        "properties": {
          "lead": {
            "type": ["string", "null"],
            "description": "null groups milestones with no lead"
          },
          "milestones": {"type": "integer"},
          "overdue": {"type": "integer"},
          "due_soon": {"type": "integer"}
        }
      },
      "SummaryChapter": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "number",
          "title",
          "recommendations",
          "compliant",
          "compliance_percent",
          "by_status",
          "by_rag",
          "worst_rag",
          "milestones",
          "local_position"
        ],
        "properties": {
          "number": {"type": "integer"},
          "title": {"type": "string"},
          "recommendations": {"type": "integer"},
          "compliant": {"type": "integer"},
          "compliance_percent": {"type": "number"},
          "by_status": {"$ref": "#/components/schemas/ByStatus"},
          "by_rag": {"$ref": "#/components/schemas/ByRag"},
          "worst_rag": {"$ref": "#/components/schemas/Rag"},
          "milestones": {"$ref": "#/components/schemas/MilestoneTotals"},
          "local_position": {"$ref": "#/components/schemas/Blocks"}
        }
      },
      "Summary": {
        "type": "object",
        "additionalProperties": false,
        "required": ["plan", "recommendations", "milestones", "quality", "leads", "chapters"],
        "properties": {
          "plan": {"$ref": "#/components/schemas/PlanMeta"},
          "recommendations": {"$ref": "#/components/schemas/RecommendationTotals"},
          "milestones": {"$ref": "#/components/schemas/MilestoneTotals"},
          "quality": {"$ref": "#/components/schemas/QualityTotals"},
          "leads": {"type": "array", "items": {"$ref": "#/components/schemas/Lead"}},
          "chapters": {"type": "array", "items": {"$ref": "#/components/schemas/SummaryChapter"}}
        }
      },
      "Milestone": {
        "type": "object",
        "required": [
          "ref",
          "part",
          "text",
          "phrase",
          "kind",
          "start",
          "due",
          "lead",
          "action",
          "complete",
          "rag"
        ],
        "properties": {
          "ref": {"$ref": "#/components/schemas/Ref"},
          "part": {"type": ["string", "null"]},
          "text": {"type": "string", "description": "the deadline as the source writes it"},
          "phrase": {"type": "string", "description": "the words this milestone was read from"},
          "kind": {"type": "string", "enum": ["dated", "ongoing", "recurring", "complete", "unscheduled"]},
          "start": {"$ref": "#/components/schemas/NullableDate"},
          "due": {"$ref": "#/components/schemas/NullableDate"},
          "lead": {"type": ["string", "null"]},
          "action": {"type": ["string", "null"]},
          "complete": {"type": "boolean"},
          "rag": {"$ref": "#/components/schemas/Rag"}
        }
      },
      "GovernmentDeadline": {
        "type": "object",
        "additionalProperties": false,
        "required": ["ref", "part", "text", "phrase", "kind", "start", "due"],
        "properties": {
          "ref": {"$ref": "#/components/schemas/Ref"},
          "part": {"type": ["string", "null"]},
          "text": {"type": "string"},
          "phrase": {"type": "string"},
          "kind": {"type": "string", "enum": ["dated", "ongoing", "recurring", "complete", "unscheduled"]},
          "start": {"$ref": "#/components/schemas/NullableDate"},
          "due": {"$ref": "#/components/schemas/NullableDate"}
        }
      },
      "Finding": {
        "type": "object",
        "required": ["kind", "ref", "part", "chapter", "detail"],
        "properties": {
          "kind": {"type": "string", "enum": ["no_timescale", "no_lead", "no_local_position"]},
          "ref": {"oneOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}], "description": "null for a chapter's finding"},
          "part": {"type": ["string", "null"]},
          "detail": {"type": "string"},
          "chapter": {"type": "integer"}
        }
      },
      "RecommendationItem": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "ref",
          "chapter",
          "text",
          "addressed_to",
          "status",
          "status_label",
          "rag",
          "next_milestone",
          "milestones",
          "leads",
          "url"
        ],
        "properties": {
          "ref": {"$ref": "#/components/schemas/Ref"},
          "chapter": {"type": "integer"},
          "text": {"$ref": "#/components/schemas/Blocks"},
          "addressed_to": {"$ref": "#/components/schemas/Audience"},
          "status": {"$ref": "#/components/schemas/Status"},
          "status_label": {"type": "string"},
          "rag": {"$ref": "#/components/schemas/Rag"},
          "next_milestone": {
            "oneOf": [{"$ref": "#/components/schemas/Milestone"}, {"type": "null"}],
            "description": "the open dated milestone due first"
          },
          "milestones": {
            "type": "object",
            "additionalProperties": false,
            "required": ["total", "overdue", "due_soon"],
            "properties": {
              "total": {"type": "integer"},
              "overdue": {"type": "integer"},
              "due_soon": {"type": "integer"}
            }
          },
          "leads": {"type": "array", "items": {"type": "string"}},
          "url": {"type": "string"}
        }
      },
      "Part": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "label",
          "text",
          "government_response",
          "government_deadline",
          "local_response"
        ],
        "properties": {
          "label": {"type": "string"},
          "text": {"$ref": "#/components/schemas/Blocks"},
          "government_response": {"$ref": "#/components/schemas/Blocks"},
          "government_deadline": {"type": ["string", "null"]},
          "local_response": {"$ref": "#/components/schemas/Blocks"}
        }
      },
      "Recommendation": {
        "type": "object",
        "required": [
          "ref",
          "chapter",
          "chapter_title",
          "text",
          "addressed_to",
          "bodies",
          "status",
          "status_label",
          "status_reason",
          "rag",
          "government_response",
          "government_deadline",
          "government_deadlines",
          "local_response",
          "local_response_see",
          "parts",
          "milestones",
          "next_milestone",
          "findings"
        ],
        "properties": {
          "ref": {"$ref": "#/components/schemas/Ref"},
          "chapter": {"type": "integer"},
          "chapter_title": {"type": "string"},
          "text": {"$ref": "#/components/schemas/Blocks"},
          "addressed_to": {"$ref": "#/components/schemas/Audience"},
          "bodies": {"type": "array", "items": {"type": "string"}},
          "status": {"$ref": "#/components/schemas/Status"},
          "status_label": {"type": "string"},
          "status_reason": {"type": "string"},
          "rag": {"$ref": "#/components/schemas/Rag"},
          "government_response": {"$ref": "#/components/schemas/Blocks"},
          "government_deadline": {
            "type": ["string", "null"],
            "description": "the Government deadline as written"
          },
          "government_deadlines": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/GovernmentDeadline"},
            "description": "how the Government deadlines (of the recommendation and its parts) were read; context only, they never drive the RAG"
          },
          "local_response": {
            "$ref": "#/components/schemas/Blocks",
            "description": "the local response that applies (a shared one is followed)"
          },
          "local_response_see": {
            "type": ["string", "null"],
            "description": "the recommendation whose response this one shares"
          },
          "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}},
          "milestones": {"type": "array", "items": {"$ref": "#/components/schemas/Milestone"}},
          "next_milestone": {
            "oneOf": [{"$ref": "#/components/schemas/Milestone"}, {"type": "null"}]
          },
          "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
          "as_of": {"$ref": "#/components/schemas/Date"}
        }
      },
      "RecommendationResponse": {
        "allOf": [{"$ref": "#/components/schemas/Recommendation"}, {"required": ["as_of"]}],
        "unevaluatedProperties": false
      },
      "RecommendationList": {
        "type": "object",
        "additionalProperties": false,
        "required": ["as_of", "count", "recommendations"],
        "properties": {
          "as_of": {"$ref": "#/components/schemas/Date"},
          "count": {"type": "integer"},
          "recommendations": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/RecommendationItem"}
          }
        }
      },
      "Chapter": {
        "type": "object",
        "required": [
          "number",
          "title",
          "key_points",
          "local_position",
          "totals",
          "recommendations",
          "url"
        ],
        "properties": {
          "number": {"type": "integer"},
          "title": {"type": "string"},
          "key_points": {"$ref": "#/components/schemas/Blocks"},
          "local_position": {"$ref": "#/components/schemas/Blocks"},
          "totals": {"$ref": "#/components/schemas/Totals"},
          "recommendations": {
            "type": "array",
            "description": "list items here; plain refs in /api/v1/plan",
            "items": {
              "oneOf": [{"$ref": "#/components/schemas/RecommendationItem"}, {"$ref": "#/components/schemas/Ref"}]
            }
          },
          "url": {"type": "string"},
          "as_of": {"$ref": "#/components/schemas/Date"}
        }
      },
      "ChapterResponse": {
        "allOf": [{"$ref": "#/components/schemas/Chapter"}, {"required": ["as_of"]}],
        "unevaluatedProperties": false
      },
      "ChapterList": {
        "type": "object",
        "additionalProperties": false,
        "required": ["as_of", "count", "chapters"],
        "properties": {
          "as_of": {"$ref": "#/components/schemas/Date"},
          "count": {"type": "integer"},
          "chapters": {"type": "array", "items": {"$ref": "#/components/schemas/Chapter"}}
        }
      },
      "Deadline": {
        "allOf": [{"$ref": "#/components/schemas/Milestone"}],
        "required": ["chapter", "days_until_due"],
        "properties": {
          "chapter": {"type": "integer"},
          "days_until_due": {
            "type": ["integer", "null"],
            "description": "due date minus as_of, in days; negative when overdue; null when undated"
          }
        },
        "unevaluatedProperties": false
      },
      "DeadlineList": {
        "type": "object",
        "additionalProperties": false,
        "required": ["as_of", "amber_days", "count", "deadlines"],
        "properties": {
          "as_of": {"$ref": "#/components/schemas/Date"},
          "amber_days": {"type": "integer"},
          "count": {"type": "integer"},
          "deadlines": {"type": "array", "items": {"$ref": "#/components/schemas/Deadline"}}
        }
      },
      "Quality": {
        "type": "object",
        "additionalProperties": false,
        "required": ["as_of", "totals", "count", "findings"],
        "properties": {
          "as_of": {"$ref": "#/components/schemas/Date"},
          "totals": {"$ref": "#/components/schemas/QualityTotals"},
          "count": {"type": "integer"},
          "findings": {
            "type": "array",
            "items": {
              "allOf": [{"$ref": "#/components/schemas/Finding"}],
              "required": ["chapter"],
              "unevaluatedProperties": false
            }
          }
        }
      },
      "Plan": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "plan",
          "totals",
          "leads",
          "chapters",
          "recommendations",
          "deadlines",
          "quality"
        ],
        "properties": {
          "plan": {
            "allOf": [{"$ref": "#/components/schemas/PlanMeta"}],
            "required": ["as_of_note", "actions_to_date", "summary", "notes"],
            "properties": {
              "as_of_note": {"type": "string"},
              "actions_to_date": {"type": "array", "items": {"type": "string"}},
              "summary": {"type": "array", "items": {"type": "string"}},
              "notes": {"type": "array", "items": {"type": "string"}}
            },
            "unevaluatedProperties": false
          },
          "totals": {"$ref": "#/components/schemas/Totals"},
          "leads": {"type": "array", "items": {"$ref": "#/components/schemas/Lead"}},
          "chapters": {"type": "array", "items": {"$ref": "#/components/schemas/Chapter"}},
          "recommendations": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Recommendation"}
          },
          "deadlines": {"type": "array", "items": {"$ref": "#/components/schemas/Deadline"}},
          "quality": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}
        }
      },
      "Health": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "status",
          "data_version",
          "loaded_at",
          "data_updated_at",
          "source",
          "as_of",
          "generation",
          "reloads",
          "failed_reloads",
          "last_reload_error",
          "last_reload_error_at"
        ],
        "properties": {
          "status": {"type": "string", "enum": ["ok", "degraded"]},
          "data_version": {"type": "string", "description": "content hash of the plan file"},
          "loaded_at": {"$ref": "#/components/schemas/Timestamp"},
          "data_updated_at": {"$ref": "#/components/schemas/Timestamp"},
          "source": {"type": "string"},
          "as_of": {"$ref": "#/components/schemas/Date"},
          "generation": {"type": "integer"},
          "reloads": {"type": "integer"},
          "failed_reloads": {"type": "integer"},
          "last_reload_error": {
            "type": ["string", "null"],
            "description": "the last refused version's first problem (kept after recovery)"
          },
          "last_reload_error_at": {
            "oneOf": [{"$ref": "#/components/schemas/Timestamp"}, {"type": "null"}]
          }
        }
      },
      "Index": {
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "api_version", "openapi", "endpoints"],
        "properties": {
          "name": {"type": "string"},
          "api_version": {"type": "string"},
          "openapi": {"type": "string"},
          "endpoints": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": ["path", "description", "parameters"],
              "properties": {
                "path": {"type": "string"},
                "description": {"type": "string"},
                "parameters": {"type": "array", "items": {"type": "string"}}
              }
            }
          }
        }
      }
    }
  }
}
)json";

} // namespace

std::string openapi_document() {
    return nlohmann::json::parse(openapi_source).dump();
}

} // namespace actionboard::feed
