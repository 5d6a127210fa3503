-- CreateTable
CREATE TABLE "workbench_course_sales" (
    "purchase_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "purchased_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workbench_course_sales_pkey" PRIMARY KEY ("purchase_id")
);

-- CreateIndex
CREATE INDEX "workbench_course_sales_author_id_purchased_at_idx" ON "workbench_course_sales"("author_id", "purchased_at");
