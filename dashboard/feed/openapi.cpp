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
    "description": "Every endpoint answers GET and HEAD; any other method gives 405 with an Allow header. Bodies are UTF-8. Every response carries a strong ETag per representation (If-None-Match gives 304), Cache-Control: no-cache and Vary: Accept-Encoding; gzip is served when accepted. Errors are JSON objects {\"error\": {\"code\", \"message\"}}. Unknown or repeated query parameters are refused with 400. as_of=YYYY-MM-DD on any /api/v1 endpoint but /history and /trend computes the view at another date. /api/v1/history, /changes and /trend come from the history database (docs/history.md). docs/feed.md has curl examples.",
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
    "/api/v1/history": {
      "get": {
        "summary": "Every recorded version of the plan, oldest first",
        "description": "Versions are recorded in an SQLite database (docs/history.md). 503 while the history is off (--no-history) or unavailable; the message says why.",
        "operationId": "getHistory",
        "responses": {
          "200": {
            "description": "The versions",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/History"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"},
          "503": {"$ref": "#/components/responses/HistoryUnavailable"}
        }
      }
    },
    "/api/v1/changes": {
      "get": {
        "summary": "Direction of travel and what changed since a baseline, exceptions first",
        "description": "The baseline is, by default, the latest version recorded on or before the last committee meeting (plan.meetings) before the as-of date; since= names another. The current side is the plan on show at as_of.",
        "operationId": "getChanges",
        "parameters": [
          {
            "name": "since",
            "in": "query",
            "description": "The baseline: a version id (12), a date and time (2009-07-07T10:30:00Z, or with an offset written %2B01:00) meaning the latest version recorded by then, or a date (2009-07-07) meaning the latest version recorded by the end of that day",
            "schema": {"type": "string"}
          },
          {"$ref": "#/components/parameters/as_of"}
        ],
        "responses": {
          "200": {
            "description": "The comparison (baseline null, with why_none, when there is none)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Changes"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/HistoryUnavailable"}
        }
      }
    },
    "/api/v1/trend": {
      "get": {
        "summary": "Compliance and overdue milestones over time: one point per recorded version, with the meeting dates",
        "operationId": "getTrend",
        "responses": {
          "200": {
            "description": "The points, oldest first, each at its own reporting date",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Trend"}}}
          },
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadParameter"},
          "503": {"$ref": "#/components/responses/HistoryUnavailable"}
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
      "HistoryUnavailable": {
        "description": "The history is off (--no-history) or unavailable; the message says why (\"history unavailable: ...\"). The rest of the feed is unaffected.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "NotFound": {
        "description": "No such chapter, recommendation or recorded version",
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
          "last_reload_error_at",
          "history"
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
          },
          "history": {"$ref": "#/components/schemas/HistoryHealth"}
        }
      },
      "HistoryStatus": {
        "type": "string",
        "enum": ["ok", "not_recording", "unavailable", "off"],
        "description": "not_recording: recorded versions are served, but the newest cannot be written yet (it waits in memory and is retried)"
      },
      "VersionRecord": {
        "allOf": [{"$ref": "#/components/schemas/Version"}],
        "unevaluatedProperties": false
      },
      "Version": {
        "type": "object",
        "required": ["id", "recorded", "recorded_at", "recorded_day", "as_of", "hash", "plan_version", "source", "imported"],
        "properties": {
          "id": {"type": ["integer", "null"], "description": "null while the version waits to be recorded"},
          "recorded": {"type": "boolean"},
          "recorded_at": {"$ref": "#/components/schemas/Timestamp"},
          "recorded_day": {"$ref": "#/components/schemas/Date"},
          "as_of": {"$ref": "#/components/schemas/Date", "description": "the version's reporting date"},
          "hash": {"type": "string", "description": "content hash of the plan file (the data_version of /healthz)"},
          "plan_version": {"type": "string"},
          "source": {"type": "string"},
          "imported": {"type": "boolean", "description": "recorded by --history-import, at its reporting date"}
        }
      },
      "History": {
        "type": "object",
        "additionalProperties": false,
        "required": ["status", "error", "count", "versions", "current"],
        "properties": {
          "status": {"$ref": "#/components/schemas/HistoryStatus"},
          "error": {"type": ["string", "null"]},
          "count": {"type": "integer"},
          "versions": {"type": "array", "items": {"$ref": "#/components/schemas/VersionRecord"}},
          "current": {"oneOf": [{"$ref": "#/components/schemas/VersionRecord"}, {"type": "null"}], "description": "the version on show"}
        }
      },
      "Direction": {"type": ["string", "null"], "enum": ["better", "worse", "same", null]},
      "ComplianceChange": {
        "type": "object",
        "required": ["compliant", "recommendations", "compliance_percent", "baseline_compliant", "baseline_recommendations", "baseline_compliance_percent", "change", "direction", "label"],
        "properties": {
          "compliant": {"type": "integer"},
          "recommendations": {"type": "integer"},
          "compliance_percent": {"type": "number"},
          "baseline_compliant": {"type": ["integer", "null"]},
          "baseline_recommendations": {"type": ["integer", "null"]},
          "baseline_compliance_percent": {"type": ["number", "null"]},
          "change": {"type": ["number", "null"], "description": "percentage points, one decimal"},
          "direction": {"$ref": "#/components/schemas/Direction"},
          "label": {"type": ["string", "null"], "description": "\"+9 since 7 Jul\""}
        }
      },
      "ChangeItem": {
        "type": "object",
        "additionalProperties": false,
        "required": ["kind", "exception", "ref", "chapter", "part", "milestone", "status_from", "status_to", "due_from", "due_to", "deadline_from", "deadline_to", "times_moved", "first_seen", "first_seen_version", "summary", "url"],
        "properties": {
          "kind": {"type": "string", "enum": ["newly_overdue", "slipped", "status_changed", "rescheduled", "milestone_removed", "recommendation_removed", "recommendation_added", "milestone_added", "brought_forward", "milestone_completed", "newly_compliant"]},
          "exception": {"type": "boolean", "description": "something got worse or went missing: listed first"},
          "ref": {"$ref": "#/components/schemas/Ref"},
          "chapter": {"type": "integer"},
          "part": {"type": ["string", "null"]},
          "milestone": {
            "oneOf": [
              {
                "type": "object",
                "additionalProperties": false,
                "required": ["text", "lead", "action", "kind", "due", "complete", "rag"],
                "properties": {
                  "text": {"type": "string"},
                  "lead": {"type": ["string", "null"]},
                  "action": {"type": ["string", "null"]},
                  "kind": {"type": "string", "enum": ["dated", "ongoing", "recurring", "complete", "unscheduled"]},
                  "due": {"$ref": "#/components/schemas/NullableDate"},
                  "complete": {"type": "boolean"},
                  "rag": {"$ref": "#/components/schemas/Rag"}
                }
              },
              {"type": "null"}
            ]
          },
          "status_from": {"oneOf": [{"$ref": "#/components/schemas/Status"}, {"type": "null"}]},
          "status_to": {"oneOf": [{"$ref": "#/components/schemas/Status"}, {"type": "null"}]},
          "due_from": {"$ref": "#/components/schemas/NullableDate"},
          "due_to": {"$ref": "#/components/schemas/NullableDate"},
          "deadline_from": {"type": ["string", "null"]},
          "deadline_to": {"type": ["string", "null"]},
          "times_moved": {"type": ["integer", "null"], "description": "slips, pulls and reschedules: how often this milestone's due date has moved in all the recorded history"},
          "first_seen": {"$ref": "#/components/schemas/Timestamp"},
          "first_seen_version": {"type": ["integer", "null"]},
          "summary": {"type": "string"},
          "url": {"type": "string"}
        }
      },
      "Changes": {
        "type": "object",
        "additionalProperties": false,
        "required": ["status", "error", "as_of", "baseline", "current", "why_none", "direction", "count", "exceptions", "changes"],
        "properties": {
          "status": {"$ref": "#/components/schemas/HistoryStatus"},
          "error": {"type": ["string", "null"]},
          "as_of": {"$ref": "#/components/schemas/Date"},
          "baseline": {
            "oneOf": [
              {
                "allOf": [{"$ref": "#/components/schemas/Version"}],
                "required": ["chosen_by", "meeting", "label_date"],
                "properties": {
                  "chosen_by": {"type": "string", "enum": ["meeting", "since"]},
                  "meeting": {"$ref": "#/components/schemas/NullableDate"},
                  "label_date": {"$ref": "#/components/schemas/Date"}
                },
                "unevaluatedProperties": false
              },
              {"type": "null"}
            ]
          },
          "current": {"oneOf": [{"$ref": "#/components/schemas/VersionRecord"}, {"type": "null"}]},
          "why_none": {"type": ["string", "null"], "description": "why there is no comparison, when there is none"},
          "direction": {
            "oneOf": [
              {
                "type": "object",
                "additionalProperties": false,
                "required": ["overall", "chapters", "recommendations"],
                "properties": {
                  "overall": {"$ref": "#/components/schemas/ComplianceChange"},
                  "chapters": {
                    "type": "array",
                    "items": {
                      "allOf": [{"$ref": "#/components/schemas/ComplianceChange"}],
                      "required": ["number", "title"],
                      "properties": {"number": {"type": "integer"}, "title": {"type": "string"}},
                      "unevaluatedProperties": false
                    }
                  },
                  "recommendations": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "additionalProperties": false,
                      "required": ["ref", "chapter", "rag", "baseline_rag", "direction"],
                      "properties": {
                        "ref": {"$ref": "#/components/schemas/Ref"},
                        "chapter": {"type": "integer"},
                        "rag": {"$ref": "#/components/schemas/Rag"},
                        "baseline_rag": {"oneOf": [{"$ref": "#/components/schemas/Rag"}, {"type": "null"}]},
                        "direction": {"$ref": "#/components/schemas/Direction"}
                      }
                    }
                  }
                }
              },
              {"type": "null"}
            ]
          },
          "count": {"type": "integer"},
          "exceptions": {"type": "integer"},
          "changes": {"type": "array", "items": {"$ref": "#/components/schemas/ChangeItem"}}
        }
      },
      "Trend": {
        "type": "object",
        "additionalProperties": false,
        "required": ["status", "error", "count", "points", "meetings", "baseline"],
        "properties": {
          "status": {"$ref": "#/components/schemas/HistoryStatus"},
          "error": {"type": ["string", "null"]},
          "count": {"type": "integer"},
          "points": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": ["id", "recorded_at", "as_of", "plan_version", "compliant", "recommendations", "compliance_percent", "overdue", "milestones", "chapters"],
              "properties": {
                "id": {"type": ["integer", "null"]},
                "recorded_at": {"$ref": "#/components/schemas/Timestamp"},
                "as_of": {"$ref": "#/components/schemas/Date"},
                "plan_version": {"type": "string"},
                "compliant": {"type": "integer"},
                "recommendations": {"type": "integer"},
                "compliance_percent": {"type": "number"},
                "overdue": {"type": "integer", "description": "red milestones at the version's own reporting date"},
                "milestones": {"type": "integer"},
                "chapters": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["number", "compliant", "recommendations", "compliance_percent"],
                    "properties": {
                      "number": {"type": "integer"},
                      "compliant": {"type": "integer"},
                      "recommendations": {"type": "integer"},
                      "compliance_percent": {"type": "number"}
                    }
                  }
                }
              }
            }
          },
          "meetings": {"type": "array", "items": {"$ref": "#/components/schemas/Date"}, "description": "the plan's committee meetings, to mark on the chart"},
          "baseline": {"type": ["integer", "null"], "description": "the default baseline's version id"}
        }
      },
      "HistoryHealth": {
        "type": "object",
        "additionalProperties": false,
        "required": ["status", "file", "versions", "error", "note"],
        "properties": {
          "status": {"$ref": "#/components/schemas/HistoryStatus"},
          "file": {"type": ["string", "null"]},
          "versions": {"type": "integer", "description": "versions recorded"},
          "error": {"type": ["string", "null"], "description": "why not ok"},
          "note": {"type": ["string", "null"], "description": "a corrupt file set aside, and where"}
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
