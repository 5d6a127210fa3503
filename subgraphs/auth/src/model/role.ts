import { registerEnumType } from "type-graphql";

/** GraphQL names in upper case; the values are the database's (`Role` in prisma/auth). */
export enum Role {
  USER = "user",
  COACH = "coach",
  BUSINESS = "business",
  ADMIN = "admin",
  PARTNER = "partner",
  DEVELOPER = "developer",
}

registerEnumType(Role, { name: "Role", description: "What an account may do on the platform." });
