import { schema } from '@stoplight/spectral-functions';
export default { rules: { 'flow-schema': { given: '$', severity: 'error', then: { function: schema, functionOptions: { schema: {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://raw.githubusercontent.com/tact-cli/tact/main/schemas/flow.schema.json",
  "title": "tact flow",
  "description": "One conversation flow (flow-format.md, version 1).",
  "type": "object",
  "required": ["flow", "steps"],
  "additionalProperties": false,
  "properties": {
    "flow": {
      "$ref": "#/$defs/id",
      "description": "The flow's id, unique in the project."
    },
    "title": {
      "type": "string"
    },
    "description": {
      "type": "string"
    },
    "channel": {
      "$ref": "#/$defs/channel"
    },
    "start": {
      "$ref": "#/$defs/id",
      "description": "The first step; default: the first step listed."
    },
    "data": {
      "type": "object",
      "propertyNames": {
        "$ref": "#/$defs/id"
      },
      "additionalProperties": {
        "$ref": "#/$defs/data"
      }
    },
    "intents": {
      "type": "object",
      "propertyNames": {
        "$ref": "#/$defs/id"
      },
      "additionalProperties": {
        "$ref": "#/$defs/intent"
      }
    },
    "handlers": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/route"
      }
    },
    "steps": {
      "type": "object",
      "minProperties": 1,
      "propertyNames": {
        "$ref": "#/$defs/id"
      },
      "additionalProperties": {
        "$ref": "#/$defs/step"
      }
    }
  },
  "$defs": {
    "id": {
      "type": "string",
      "pattern": "^[a-z][a-z0-9_-]*$",
      "description": "an id: lowercase letters, digits, _ or -, starting with a letter"
    },
    "target": {
      "type": "string",
      "pattern": "^([a-z][a-z0-9_-]*/)?[a-z][a-z0-9_-]*$",
      "description": "a step id (`ask_email`) or a step of another flow (`billing/ask_amount`)"
    },
    "channel": {
      "enum": ["chat", "sms", "voice"]
    },
    "sentimentLabel": {
      "enum": ["positive", "neutral", "negative", "very_negative"]
    },
    "text": {
      "type": "string",
      "minLength": 1
    },
    "textList": {
      "type": "array",
      "minItems": 1,
      "items": {
        "$ref": "#/$defs/text"
      }
    },
    "message": {
      "description": "a message: a string, a list of strings (variants used in turn), or a map of sentiment variants with `default`",
      "anyOf": [
        {
          "$ref": "#/$defs/text"
        },
        {
          "$ref": "#/$defs/textList"
        },
        {
          "type": "object",
          "required": ["default"],
          "additionalProperties": false,
          "properties": {
            "default": {
              "anyOf": [
                {
                  "$ref": "#/$defs/text"
                },
                {
                  "$ref": "#/$defs/textList"
                }
              ]
            },
            "positive": {
              "anyOf": [
                {
                  "$ref": "#/$defs/text"
                },
                {
                  "$ref": "#/$defs/textList"
                }
              ]
            },
            "neutral": {
              "anyOf": [
                {
                  "$ref": "#/$defs/text"
                },
                {
                  "$ref": "#/$defs/textList"
                }
              ]
            },
            "negative": {
              "anyOf": [
                {
                  "$ref": "#/$defs/text"
                },
                {
                  "$ref": "#/$defs/textList"
                }
              ]
            },
            "very_negative": {
              "anyOf": [
                {
                  "$ref": "#/$defs/text"
                },
                {
                  "$ref": "#/$defs/textList"
                }
              ]
            }
          }
        }
      ]
    },
    "data": {
      "type": "object",
      "required": ["type"],
      "additionalProperties": false,
      "properties": {
        "type": {
          "enum": ["text", "number", "boolean", "email", "phone", "date", "choice"]
        },
        "personal": {
          "type": "boolean"
        },
        "sensitive": {
          "type": "boolean"
        },
        "purpose": {
          "type": "string",
          "minLength": 1
        },
        "retention": {
          "type": "string",
          "minLength": 1
        },
        "pattern": {
          "type": "string",
          "minLength": 1
        },
        "values": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "string",
            "minLength": 1
          }
        },
        "description": {
          "type": "string"
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "type": {
                "const": "choice"
              }
            }
          },
          "then": {
            "required": ["values"]
          }
        },
        {
          "if": {
            "required": ["pattern"]
          },
          "then": {
            "properties": {
              "type": {
                "const": "text"
              }
            }
          }
        }
      ]
    },
    "intent": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "examples": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/text"
          }
        },
        "sensitive": {
          "type": "boolean"
        },
        "description": {
          "type": "string"
        }
      }
    },
    "condition": {
      "description": "a condition: an expression such as `refund_eligible == true`, or a JSON Logic object",
      "anyOf": [
        {
          "$ref": "#/$defs/text"
        },
        {
          "type": "object",
          "minProperties": 1,
          "maxProperties": 1
        }
      ]
    },
    "route": {
      "description": "a route: exactly one condition (`intent`, `sentiment` or `if`) and a `goto`",
      "type": "object",
      "required": ["goto"],
      "minProperties": 2,
      "maxProperties": 2,
      "additionalProperties": false,
      "properties": {
        "intent": {
          "$ref": "#/$defs/intentRef"
        },
        "sentiment": {
          "$ref": "#/$defs/sentimentLabel"
        },
        "if": {
          "$ref": "#/$defs/condition"
        },
        "goto": {
          "$ref": "#/$defs/target"
        }
      }
    },
    "intentRef": {
      "type": "string",
      "pattern": "^([a-z][a-z0-9_-]*/)?[a-z][a-z0-9_-]*$",
      "description": "an intent name (`damaged`, or `flow/name` for another flow's intent)"
    },
    "option": {
      "type": "object",
      "required": ["label", "goto"],
      "additionalProperties": false,
      "properties": {
        "label": {
          "$ref": "#/$defs/text"
        },
        "goto": {
          "$ref": "#/$defs/target"
        },
        "intent": {
          "$ref": "#/$defs/intentRef"
        }
      }
    },
    "fallback": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "say": {
          "$ref": "#/$defs/message"
        },
        "max": {
          "type": "integer",
          "minimum": 1
        },
        "then": {
          "$ref": "#/$defs/target"
        }
      }
    },
    "branchCase": {
      "description": "a branch case: `{if: EXPR, goto: step}` or `{else: step}`",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "if": {
          "$ref": "#/$defs/condition"
        },
        "goto": {
          "$ref": "#/$defs/target"
        },
        "else": {
          "$ref": "#/$defs/target"
        }
      },
      "anyOf": [
        {
          "required": ["if", "goto"],
          "not": {
            "required": ["else"]
          }
        },
        {
          "required": ["else"],
          "maxProperties": 1
        }
      ]
    },
    "step": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "say": {
          "$ref": "#/$defs/message"
        },
        "ask": {
          "$ref": "#/$defs/message"
        },
        "collect": {
          "$ref": "#/$defs/id"
        },
        "options": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/$defs/option"
          }
        },
        "routes": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/route"
          }
        },
        "fallback": {
          "$ref": "#/$defs/fallback"
        },
        "next": {
          "$ref": "#/$defs/target"
        },
        "branch": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/$defs/branchCase"
          },
          "contains": {
            "required": ["else"]
          },
          "maxContains": 1
        },
        "action": {
          "$ref": "#/$defs/id"
        },
        "sets": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/id"
          }
        },
        "handoff": {
          "anyOf": [
            {
              "const": true
            },
            {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "queue": {
                  "type": "string",
                  "minLength": 1
                },
                "reason": {
                  "type": "string"
                }
              }
            }
          ],
          "description": "`true`, or `{queue, reason}`"
        },
        "end": {
          "enum": ["resolved", "unresolved"]
        },
        "tone": {
          "enum": ["empathetic", "neutral", "upbeat", "apologetic", "reassuring"]
        },
        "discloses": {
          "anyOf": [
            {
              "const": "all"
            },
            {
              "type": "array",
              "minItems": 1,
              "items": {
                "$ref": "#/$defs/id"
              }
            }
          ],
          "description": "`all`, or a list of data names"
        }
      },
      "anyOf": [
        {
          "required": ["say"]
        },
        {
          "required": ["ask"]
        },
        {
          "required": ["branch"]
        },
        {
          "required": ["action"]
        },
        {
          "required": ["handoff"]
        },
        {
          "required": ["end"]
        }
      ],
      "allOf": [
        {
          "if": {
            "required": ["ask"]
          },
          "then": {
            "$ref": "#/$defs/onlyAsk"
          }
        },
        {
          "if": {
            "required": ["branch"]
          },
          "then": {
            "$ref": "#/$defs/onlyBranch"
          }
        },
        {
          "if": {
            "required": ["action"]
          },
          "then": {
            "$ref": "#/$defs/onlyAction"
          }
        },
        {
          "if": {
            "required": ["handoff"]
          },
          "then": {
            "$ref": "#/$defs/onlyHandoff"
          }
        },
        {
          "if": {
            "required": ["end"]
          },
          "then": {
            "$ref": "#/$defs/onlyEnd"
          }
        },
        {
          "if": {
            "not": {
              "required": ["ask"]
            }
          },
          "then": {
            "properties": {
              "collect": false,
              "options": false,
              "routes": false,
              "fallback": false
            }
          }
        },
        {
          "if": {
            "not": {
              "required": ["action"]
            }
          },
          "then": {
            "properties": {
              "sets": false
            }
          }
        }
      ]
    },
    "onlyAsk": {
      "properties": {
        "branch": false,
        "action": false,
        "handoff": false,
        "end": false
      }
    },
    "onlyBranch": {
      "properties": {
        "ask": false,
        "action": false,
        "handoff": false,
        "end": false,
        "next": false
      }
    },
    "onlyAction": {
      "properties": {
        "ask": false,
        "branch": false,
        "handoff": false,
        "end": false
      }
    },
    "onlyHandoff": {
      "properties": {
        "ask": false,
        "branch": false,
        "action": false,
        "end": false,
        "next": false
      }
    },
    "onlyEnd": {
      "properties": {
        "ask": false,
        "branch": false,
        "action": false,
        "handoff": false,
        "next": false
      }
    }
  }
} } } } } };
